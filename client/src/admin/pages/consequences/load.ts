import type { Round } from '@shared/model/round';
import type { RoundResult } from '@shared/scoring/result';
import { SCHEME_PRESETS } from '@shared/schemes';
import { roundConsequences, type ConsequenceAction } from '../../../api/consequences';
import { getPublished } from '../../../api/public';
import { getResults, listRounds } from '../../../api/staff';
import { standingsFrom, type Standings } from './sheet';

export type SheetSource = { kind: 'published'; version: number; hash: string; publishedAt: string } | { kind: 'preview' };

export interface ConsequenceSheet {
  roundId: string;
  round?: Round;
  source: SheetSource;
  actions: ConsequenceAction[];
  /** Group names by id, from this round's result (a rank is within its group). */
  groupLabels: Map<string, string>;
  /** Every round the session may see, by id: names the triggering rounds. */
  rounds: Map<string, Round>;
  standings: Standings;
  /** This round's result the actions come from: cuts and rank sets for certainty, round notes. */
  result: RoundResult | null;
}

/**
 * Everything the sheet shows. Published: the exact version the actions come from, whose snapshot
 * also holds the earlier rounds as the history rules read them. Preview: this round's results
 * computed now and the latest publication of each earlier round, which is what the server's
 * history reads too (functions/src/domain/round-facts.ts).
 */
export async function loadConsequenceSheet(roundId: string): Promise<ConsequenceSheet> {
  const [res, list] = await Promise.all([roundConsequences(roundId), listRounds()]);
  const rounds = new Map(list.rounds.map((r) => [r.id, r]));
  const round = rounds.get(roundId);
  const base = { roundId, ...(round ? { round } : {}), actions: res.actions, rounds };
  if (res.source === 'published') {
    const p = await getPublished(roundId, res.version);
    const { results, facts } = p.snapshot;
    return {
      ...base,
      source: { kind: 'published', version: p.version, hash: p.hash, publishedAt: p.publishedAt },
      standings: standingsFrom([...facts.history, results], gradeNamer(round, results)),
      groupLabels: groupLabelsOf(results),
      result: results,
    };
  }
  // The preview's notes (e.g. year rules not judged this quarter) matter even with no action.
  if (res.actions.length === 0) {
    const current = await getResults(roundId);
    return { ...base, source: { kind: 'preview' }, standings: new Map(), groupLabels: current ? groupLabelsOf(current) : new Map(), result: current };
  }
  const earlier = [...new Set(res.actions.flatMap((a) => a.rounds))].filter((id) => id !== roundId);
  const [current, ...past] = await Promise.all([getResults(roundId), ...earlier.map((id) => getPublished(id))]);
  return {
    ...base,
    source: { kind: 'preview' },
    standings: standingsFrom([...past.map((p) => p.snapshot.results), ...(current ? [current] : [])], gradeNamer(round, current)),
    groupLabels: current ? groupLabelsOf(current) : new Map(),
    result: current,
  };
}

/** Grade names from the scheme preset and this round's result (history keeps only grade ids). */
function gradeNamer(round: Round | undefined, result: RoundResult | null): (id: string) => string {
  const labels = new Map((round ? SCHEME_PRESETS[round.schemeId]?.grades?.bands ?? [] : []).map((b) => [b.id, b.label]));
  for (const t of result?.targets ?? []) if (t.grade) labels.set(t.grade.id, t.grade.label);
  return (id) => labels.get(id) ?? id;
}

const groupLabelsOf = (result: RoundResult) => new Map(result.groups.map((g) => [g.group, g.label]));
