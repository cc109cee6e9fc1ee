import type { Ballot } from '@shared/model/ballot';
import type { FlagThresholds } from '@shared/review/flag-thresholds';
import type { FlagKind } from '@shared/api/flags';
import type { FlagEvidence } from '../../ports';
import { sha256Hex } from '../crypto';

/**
 * The stuffing detectors: pure functions of a round's ballot log and the thresholds. They run
 * at review time on the stored ballots (not on the write path), so the same log and the same
 * thresholds always give the same flags with the same ids — a supervisor's decision names a flag
 * anyone can recompute. Ballots are sorted by (receivedAt, ballotId) first, so the order the
 * store returns them in does not matter.
 */
export type { FlagKind };

/** What the detectors read of a ballot. */
export type LoggedBallot = Pick<Ballot, 'ballotId' | 'receiptId' | 'targetId' | 'windowId' | 'channel' | 'evaluator' | 'comment' | 'receivedAt'>;

export type DetectedFlag = FlagEvidence;

/** Where a ballot was given: its window for window ballots, its target otherwise. */
export const placeOf = (b: Pick<LoggedBallot, 'windowId' | 'targetId'>) => b.windowId ?? b.targetId;

/**
 * Comment text with what copying does not change removed: Unicode compatibility forms (full-width
 * letters and digits), case, whitespace, punctuation and symbols (emoji included).
 * @example normaliseComment('服务 很好！！ ABC') === normaliseComment('服务很好abc')
 */
export function normaliseComment(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

export function detectFlags(ballots: readonly LoggedBallot[], t: FlagThresholds): DetectedFlag[] {
  const sorted = [...ballots].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.ballotId.localeCompare(b.ballotId));
  return [...detectBursts(sorted, t.burst), ...detectSpread(sorted, t.spread), ...detectSameComments(sorted, t.sameComment)];
}

/** More than `ballots` ballots at one place within any `minutes`-long stretch. */
export function detectBursts(sorted: readonly LoggedBallot[], rule: FlagThresholds['burst']): DetectedFlag[] {
  const out: DetectedFlag[] = [];
  for (const [place, list] of groupBy(sorted.filter((b) => rule.channels.includes(b.channel)), placeOf)) {
    for (const run of runsOver(list, rule.minutes, (l, r) => r - l + 1 > rule.ballots)) {
      out.push(flag('burst', `${place}|${run[0]!.ballotId}`, run, `${rule.minutes} 分钟内同一${list[0]!.windowId ? '窗口' : '评议对象'}收到 ${run.length} 份评价（阈值：超过 ${rule.ballots} 份）`));
    }
  }
  return out;
}

/** One evaluator rating more than `places` different places within any `minutes`-long stretch. */
export function detectSpread(sorted: readonly LoggedBallot[], rule: FlagThresholds['spread']): DetectedFlag[] {
  const out: DetectedFlag[] = [];
  for (const [evaluator, list] of groupBy(sorted.filter((b) => rule.channels.includes(b.channel)), (b) => b.evaluator)) {
    for (const run of runsOver(list, rule.minutes, (l, r) => new Set(list.slice(l, r + 1).map(placeOf)).size > rule.places)) {
      const places = new Set(run.map(placeOf)).size;
      out.push(flag('spread', `${evaluator}|${run[0]!.ballotId}`, run, `同一评价人在 ${rule.minutes} 分钟内评价了 ${places} 个不同窗口或对象（阈值：超过 ${rule.places} 个）`));
    }
  }
  return out;
}

/** `copies` or more ballots with the same normalised comment of at least `minChars` characters. */
export function detectSameComments(sorted: readonly LoggedBallot[], rule: FlagThresholds['sameComment']): DetectedFlag[] {
  const withText = sorted.filter((b) => rule.channels.includes(b.channel) && b.comment && [...normaliseComment(b.comment)].length >= rule.minChars);
  const out: DetectedFlag[] = [];
  for (const [text, list] of groupBy(withText, (b) => normaliseComment(b.comment!))) {
    if (list.length < rule.copies) continue;
    out.push({ ...flag('same_comment', text, list, `${list.length} 份评价的意见内容相同（阈值：${rule.copies} 份）`), comment: text });
  }
  return out;
}

/**
 * Maximal runs of ballots (sorted by time) where some `minutes`-long stretch satisfies `hot`:
 * every ballot inside a hot stretch is marked, and marked ballots closer than `minutes` to
 * the previous marked one join its run. Two-pointer sweep over the time-sorted list.
 */
function runsOver(list: readonly LoggedBallot[], minutes: number, hot: (left: number, right: number) => boolean): LoggedBallot[][] {
  const span = minutes * 60_000;
  const at = list.map((b) => Date.parse(b.receivedAt));
  const marked = new Array<boolean>(list.length).fill(false);
  let left = 0;
  let markedTo = -1; // marks never need redoing: each ballot is marked at most once
  for (let right = 0; right < list.length; right++) {
    while (at[right]! - at[left]! > span) left++;
    if (hot(left, right)) {
      marked.fill(true, Math.max(left, markedTo + 1), right + 1);
      markedTo = right;
    }
  }
  const runs: LoggedBallot[][] = [];
  let last = -Infinity;
  list.forEach((b, i) => {
    if (!marked[i]) return;
    if (at[i]! - last > span || runs.length === 0) runs.push([]);
    runs[runs.length - 1]!.push(b);
    last = at[i]!;
  });
  return runs;
}

function flag(kind: FlagKind, key: string, ballots: readonly LoggedBallot[], detail: string): DetectedFlag {
  return {
    flagId: `${PREFIX[kind]}-${sha256Hex(`${kind}|${key}`).slice(0, 16)}`,
    kind,
    ballotIds: ballots.map((b) => b.ballotId),
    places: [...new Set(ballots.map(placeOf))].sort(),
    from: ballots[0]!.receivedAt,
    to: ballots[ballots.length - 1]!.receivedAt,
    detail,
  };
}

const PREFIX: Record<FlagKind, string> = { burst: 'B', spread: 'S', same_comment: 'C' };

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}
