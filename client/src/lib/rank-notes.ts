import type { GroupCut, TargetResult } from '@shared/scoring/result';

/**
 * What the engine says about a ranking beyond the places themselves, in the words shown beside
 * it: the group's cut sentences (并列 with the rule applied), each target's 95% rank confidence
 * set and the inputs still to enter (待录入). Pure: pages and components only lay it out.
 */

/** The parts of a target result these notes read (a published snapshot or a live result). */
export type NotedTarget = Pick<TargetResult, 'targetId' | 'rankSet' | 'missing' | 'flags'>;

/**
 * The one line shown under a group's heading: the cut whose tie block straddles the line (that is
 * where the rule had to decide), else the first cut. Undefined when the group has no cut.
 * @example headlineCut(cuts)?.text // '前40%（5个单位×40%=2，向下取整为2个）：第2名3个单位并列，…'
 */
export function headlineCut(cuts: readonly GroupCut[] | undefined): GroupCut | undefined {
  if (!cuts || cuts.length === 0) return undefined;
  return cuts.find((c) => c.tie !== null) ?? cuts[0];
}

/**
 * Who is confidently and who only possibly inside a cut, for the folded details.
 * @example cutConfidence(cut, names) // '95%把握在名额内：户政科；可能在名额内：户政科、出入境管理科'
 */
export function cutConfidence(cut: GroupCut, name: (id: string) => string): string {
  const list = (ids: readonly string[]) => (ids.length ? ids.map(name).join('、') : '无');
  return `95%把握在名额内：${list(cut.confident)}；可能在名额内：${list(cut.possible)}`;
}

/**
 * The rank confidence set in words: 「名次区间 3–5」, or 「名次区间 3」 when it is one place.
 * Undefined when the engine gave none (not ranked, or a result from before confidence sets).
 */
export function rankSetText(t: Pick<TargetResult, 'rankSet'>): string | undefined {
  const s = t.rankSet;
  if (!s) return undefined;
  return s.lower === s.upper ? `名次区间 ${s.lower}` : `名次区间 ${s.lower}–${s.upper}`;
}

/**
 * The inputs a target still waits for: 「待录入：服务人次、工作考核」, with 待更正 for an entered
 * value that cannot be used. Undefined when nothing is pending.
 */
export function pendingText(t: Pick<TargetResult, 'missing'>): string | undefined {
  const missing = t.missing ?? [];
  if (missing.length === 0) return undefined;
  const toEnter = missing.filter((m) => m.reason === 'missing').map((m) => m.label);
  const toFix = missing.filter((m) => m.reason !== 'missing').map((m) => m.label);
  return [toEnter.length ? `待录入：${toEnter.join('、')}` : '', toFix.length ? `待更正：${toFix.join('、')}` : ''].filter(Boolean).join('；');
}

/**
 * The short marks beside one target's row: its rank set, 并列 at a cut, 末位 for silence, pending inputs.
 * @example targetMarks(t) // ['名次区间 2–4', '并列（见名额说明）']
 */
export function targetMarks(t: NotedTarget): string[] {
  const ids = new Set(t.flags.map((f) => f.id));
  return [
    rankSetText(t),
    ids.has('tied_at_cut') ? '并列（见名额说明）' : undefined,
    ids.has('silent_worst') ? '测评表未收回，按末位处理' : undefined,
    pendingText(t),
  ].filter((x): x is string => !!x);
}
