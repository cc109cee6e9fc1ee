import { z } from 'zod';
import { sha256Hex } from '../draw/sha256';
import { canonicalJson } from './canonical';
import { CATEGORY_LEXICON, COMMENT_LEXICON_ID, LISTED_WITH, NEGATED_AFTER, NEGATED_BEFORE, PAST_CLAUSE, PRESENT_CLAUSE } from './comment-lexicon';

/** A complaint category of the lexicon (comment-lexicon.ts): 'attitude' (服务态度), 'efficiency' (办事效率) … */
export type CommentCategoryId = (typeof CATEGORY_LEXICON)[number]['id'];
export const COMMENT_CATEGORY_IDS = CATEGORY_LEXICON.map((c) => c.id) as unknown as readonly [CommentCategoryId, ...CommentCategoryId[]];
export const CommentCategoryId = z.enum(COMMENT_CATEGORY_IDS);

const LABELS = new Map<string, string>(CATEGORY_LEXICON.map((c) => [c.id, c.label]));

/** @example commentCategoryLabel('attitude') // '服务态度' */
export const commentCategoryLabel = (id: CommentCategoryId): string => LABELS.get(id)!;

/** The lexicon a count was made with: its id and the SHA-256 of its data (the snapshot and the ballot log both carry it). */
export const CommentLexiconStamp = z.object({ id: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export type CommentLexiconStamp = z.infer<typeof CommentLexiconStamp>;

let stamp: CommentLexiconStamp | undefined;

/** @example commentLexiconStamp() // { id: 'pingyi-comments/1', sha256: '…64 hex…' } */
export function commentLexiconStamp(): CommentLexiconStamp {
  stamp ??= Object.freeze({
    id: COMMENT_LEXICON_ID,
    sha256: sha256Hex(canonicalJson({ categories: CATEGORY_LEXICON, negatedBefore: NEGATED_BEFORE, negatedAfter: NEGATED_AFTER, listedWith: LISTED_WITH, pastClause: PAST_CLAUSE, presentClause: PRESENT_CLAUSE })),
  });
  return stamp;
}

// Compiled once: each category's phrases as one alternation.
const RULES = CATEGORY_LEXICON.map((c) => ({
  id: c.id as CommentCategoryId,
  phrases: new RegExp(c.phrases.map((p) => `(?:${p})`).join('|'), 'g'),
  notAfter: 'notAfter' in c ? new RegExp(c.notAfter) : undefined,
}));
const BEFORE = new RegExp(NEGATED_BEFORE);
const AFTER = new RegExp(NEGATED_AFTER);
const LISTED = new RegExp(LISTED_WITH);
const PAST = new RegExp(PAST_CLAUSE);
const PRESENT = new RegExp(PRESENT_CLAUSE);
/** Clauses end at punctuation (full-width forms are ASCII after NFKC) and spaces; 、 lists inside a clause. */
const CLAUSE_END = /[\s,.!?;:。~]+/;

/**
 * The complaint categories a comment reports, sorted by id, each once. A category counts when one
 * of its negative phrases occurs in a clause and is not negated there: 没有推诿 / 从不拖拉 /
 * 推诿扯皮现象没有了 report nothing, and one negation covers a list (无推诿、扯皮、刁难). A clause
 * about the past contrasted with a later one about the present (以前要跑好几趟，现在一次办好) is
 * praise. Praise itself never matches: 态度好，效率高 → [].
 * @example classifyComment('窗口人员玩手机，态度冷漠，让我跑了三趟') // ['attitude', 'discipline', 'efficiency']
 */
export function classifyComment(text: string | undefined): CommentCategoryId[] {
  if (!text) return [];
  const clauses = text.normalize('NFKC').toLowerCase().split(CLAUSE_END).filter((c) => c !== '');
  const found = new Set<CommentCategoryId>();
  clauses.forEach((clause, i) => {
    if (PAST.test(clause) && clauses.slice(i + 1).some((c) => PRESENT.test(c))) return;
    for (const id of complaintsIn(clause)) found.add(id);
  });
  return [...found].sort();
}

interface Hit {
  id: CommentCategoryId;
  start: number;
  end: number;
  negatedBefore: boolean;
  negatedAfter: boolean;
}

/** The categories of one clause's phrases that no negation covers. */
function complaintsIn(clause: string): CommentCategoryId[] {
  const hits: Hit[] = [];
  for (const rule of RULES) {
    for (const m of clause.matchAll(rule.phrases)) {
      const start = m.index!;
      const end = start + m[0].length;
      const before = clause.slice(0, start);
      if (rule.notAfter?.test(before)) continue;
      hits.push({ id: rule.id, start, end, negatedBefore: BEFORE.test(before), negatedAfter: AFTER.test(clause.slice(end)) });
    }
  }
  hits.sort((a, b) => a.start - b.start || a.end - b.end);
  // A negation before a list reaches forward through it, one after a list reaches back.
  const listed = (a: Hit, b: Hit) => LISTED.test(clause.slice(a.end, Math.max(a.end, b.start)));
  const forward = hits.map((h) => h.negatedBefore);
  for (let i = 1; i < hits.length; i++) forward[i] ||= forward[i - 1]! && listed(hits[i - 1]!, hits[i]!);
  const backward = hits.map((h) => h.negatedAfter);
  for (let i = hits.length - 2; i >= 0; i--) backward[i] ||= backward[i + 1]! && listed(hits[i]!, hits[i + 1]!);
  return hits.filter((_, i) => !forward[i] && !backward[i]).map((h) => h.id);
}
