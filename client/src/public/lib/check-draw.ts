import { verifyDraw, type DrawRecord } from '@shared/draw/draw';
import type { DrawSummary } from '@shared/api/panels';

/**
 * What "核验" on the public draw page means: the full record re-runs to exactly its own result
 * (pool hash, quotas, commitments ↔ reveals, seed, selection), and that record is the draw this
 * page shows (same pool hash, seed and selection). Runs on the reader's own device.
 */
export function checkDraw(shown: DrawSummary, record: DrawRecord): string[] {
  const problems = verifyDraw(record).problems;
  if (record.poolHash !== shown.poolHash) problems.push('记录中的样本池与公示的样本池摘要不一致');
  if ((record.seed ?? '') !== (shown.seed ?? '')) problems.push('记录中的随机种子与公示的不一致');
  if (JSON.stringify(record.selection ?? []) !== JSON.stringify(shown.selection ?? [])) problems.push('记录中的抽取结果与公示的不一致');
  return problems;
}
