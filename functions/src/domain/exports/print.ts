import { printNumber, publicRows } from '@shared/publication/public-table';
import type { Snapshot } from '@shared/publication/snapshot';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A print-ready list for the newspaper (A4, black on white, no scripts): per group the ranked
 * targets with score, grade and the main problems named for the worst, then the hash line.
 */
export function snapshotPrintHtml(snapshot: Snapshot, hash: string): string {
  const rows = publicRows(snapshot);
  const groups = [...new Set(rows.map((r) => r.groupLabel))];
  const direction = snapshot.results.direction === 'worst-first' ? '（按问题由多到少排列）' : '';
  const body = groups
    .map((g) => {
      const lines = rows
        .filter((r) => r.groupLabel === g)
        .map((r) => `<tr><td>${r.rank === null ? '—' : `${r.rank}${r.tied ? '（并列）' : ''}`}</td><td>${esc(r.name)}</td><td>${printNumber(r.total)}</td><td>${esc(r.grade)}</td><td>${esc(r.problems)}</td></tr>`)
        .join('');
      return `<h2>${esc(g)}</h2><table><thead><tr><th>名次</th><th>单位（科室）</th><th>得分</th><th>等次</th><th>主要问题</th></tr></thead><tbody>${lines}</tbody></table>`;
    })
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(snapshot.round.name)}评议结果</title><style>
@page{size:A4;margin:18mm}body{font-family:"SimSun","Songti SC","Noto Serif CJK SC",serif;color:#000}h1{font-size:20pt;text-align:center}h2{font-size:14pt}
table{width:100%;border-collapse:collapse;font-size:11pt}th,td{border:1px solid #000;padding:2pt 4pt;text-align:left}tr{page-break-inside:avoid}.hash{font-size:8pt;word-break:break-all}
</style></head><body><h1>${esc(snapshot.round.name)}评议结果公示${direction}</h1><p>${esc(snapshot.round.period.label)} · ${esc(snapshot.schemeName)} · 第${snapshot.version}版</p>${body}<p class="hash">本名单由评议结果第${snapshot.version}版生成，SHA-256：${hash}</p></body></html>`;
}
