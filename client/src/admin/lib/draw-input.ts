import type { Commitment, Stratum } from '@shared/draw/draw';
import { categoryOfCell, REPRESENTATIVE_CATEGORY } from '@shared/model/representative';

/**
 * The draw form's two free-text fields, read the way people write them at a meeting:
 * quotas as `服务对象:55，两代表一委员:35，离退休老干部:10` (category names or ids; 、，；, too), commitments one per line as
 * `县纠风办:<64 hex>`. Returns what it could not read instead of guessing.
 * @example parseStrata('public:2, deputies:7, retired:1') // { strata: [{ id: 'public', weight: 2 }, …], problems: [] }
 */
export function parseStrata(text: string): { strata: Stratum[]; problems: string[] } {
  const strata: Stratum[] = [];
  const problems: string[] = [];
  for (const part of text.split(/[,，、;；\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.{1,32}?)\s*[:：]\s*(\d{1,7})$/.exec(part);
    const id = m ? categoryOfCell(m[1]!) : undefined;
    if (m && id && REPRESENTATIVE_CATEGORY.test(id)) strata.push({ id, weight: Number(m[2]) });
    else if (m) problems.push(`没有“${m[1]}”这一类别，请用代表库中的类别名称`);
    else problems.push(`无法识别“${part}”，请写成 类别:比例`);
  }
  return { strata, problems };
}

/** @example parseCommitments('县纠风办:ab…(64 hex)') // { commitments: [{ party: '县纠风办', commitment: 'ab…' }], problems: [] } */
export function parseCommitments(text: string): { commitments: Commitment[]; problems: string[] } {
  const commitments: Commitment[] = [];
  const problems: string[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const m = /^(.{1,40}?)\s*[:：]\s*([0-9a-f]{64})$/.exec(line);
    if (m) commitments.push({ party: m[1]!, commitment: m[2]! });
    else problems.push(`无法识别“${line.slice(0, 20)}”，请写成 单位:64位承诺值`);
  }
  return { commitments, problems };
}
