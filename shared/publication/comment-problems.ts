import type { LoggedBallot } from './ballot-log';
import { commentCategoryLabel, type CommentCategoryId } from './comment-categories';
import type { MainProblem } from './snapshot';

/** The `item` of a main problem that comes from comments (its `value` is the category id). */
export const COMMENT_PROBLEM_ITEM = 'comment';

/** One target's counted ballots, and how many of them have a comment in each category. */
export interface CommentTally {
  ballots: number;
  categories: Partial<Record<CommentCategoryId, number>>;
}

/**
 * Comment categories per target, over the ballots the results count: every ballot of the log
 * (or of the store, at publication) less the voided ones — the same ballots the tallies keep.
 * A ballot counts once per category however often its comment says it.
 * @example commentTallies([{ ballotId: 'b1', targetId: 's1', commentCategories: ['attitude'] }, { ballotId: 'b2', targetId: 's1' }], new Set())
 * // Map { 's1' => { ballots: 2, categories: { attitude: 1 } } }
 */
export function commentTallies(ballots: Iterable<Pick<LoggedBallot, 'ballotId' | 'targetId' | 'commentCategories'>>, voided: ReadonlySet<string>): Map<string, CommentTally> {
  const out = new Map<string, CommentTally>();
  for (const b of ballots) {
    if (voided.has(b.ballotId)) continue;
    let t = out.get(b.targetId);
    if (!t) out.set(b.targetId, (t = { ballots: 0, categories: {} }));
    t.ballots++;
    for (const id of new Set(b.commentCategories ?? [])) t.categories[id] = (t.categories[id] ?? 0) + 1;
  }
  return out;
}

/**
 * A target's comment categories as main problems: label 群众意见：<category>, the number of
 * counted ballots whose comment is in it, and that number's share of the target's counted ballots
 * (ballots, not comments: the breakdown shares of the engine are per ballot too).
 * @example commentProblems({ ballots: 10, categories: { efficiency: 3 } })
 * // [{ item: 'comment', value: 'efficiency', label: '群众意见：办事效率', count: 3, share: 0.3, source: 'comment' }]
 */
export function commentProblems(tally: CommentTally | undefined): MainProblem[] {
  if (!tally) return [];
  return (Object.entries(tally.categories) as Array<[CommentCategoryId, number]>)
    .filter(([, count]) => count > 0)
    .map(([id, count]) => ({ item: COMMENT_PROBLEM_ITEM, value: id, label: `群众意见：${commentCategoryLabel(id)}`, count, share: count / tally.ballots, source: 'comment' as const }));
}
