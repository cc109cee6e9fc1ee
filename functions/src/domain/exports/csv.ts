import { PUBLIC_COLUMNS, printNumber, publicRows } from '@shared/publication/public-table';
import type { Snapshot } from '@shared/publication/snapshot';

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs a cell as a formula. */
function cell(v: string): string {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The published table as CSV: UTF-8 with a BOM (so Excel on Chinese Windows opens it as UTF-8),
 * CRLF line ends, a header line, then the rows; the version and hash close the file so a
 * printed or forwarded copy still names what it came from.
 */
export function snapshotCsv(snapshot: Snapshot, hash: string): string {
  const lines = [PUBLIC_COLUMNS.map((c) => c.header).join(',')];
  for (const row of publicRows(snapshot)) {
    lines.push(
      PUBLIC_COLUMNS.map((c) => {
        const v = row[c.key];
        if (c.key === 'rank') return row.rank === null ? '未排名' : `${row.rank}${row.tied ? '（并列）' : ''}`;
        return cell(typeof v === 'number' || v === null ? printNumber(v as number | null) : String(v));
      }).join(','),
    );
  }
  lines.push('', cell(`${snapshot.round.name} 第${snapshot.version}版 发布于${snapshot.publishedAt} SHA-256 ${hash}`));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
