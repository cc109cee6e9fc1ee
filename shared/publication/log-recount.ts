import { tallyKeys } from '../model/form';
import { formFor } from '../model/scheme-forms';
import type { ChannelKind } from '../model/channel';
import type { ChannelTally } from '../api/results';
import { RoundFacts, scoreRound, type Scheme } from '../scoring';
import { ballotDigest, ballotTreeOf, type BallotLogHeader, type BallotTree, type LoggedBallot } from './ballot-log';
import { canonicalJson } from './canonical';
import { commentTallies } from './comment-problems';
import { roundMainProblems } from './main-problems';
import type { Snapshot } from './snapshot';

/** What an offline recount found: the rebuilt tree, and every published number it could not reproduce. */
export interface LogRecountReport {
  roundId: string;
  version: number;
  ballots: number;
  voided: number;
  tree: { published?: BallotTree; recomputed: BallotTree };
  /** Channels whose tallies were entered by the supervisor (phone survey import …), not ballots: taken from the snapshot as given. */
  imported: string[];
  /** Each as "where: published X, recomputed Y"; empty means the log reproduces the snapshot. */
  mismatches: string[];
}

const MAX_LISTED = 200;

/**
 * Recounts a published version from its ballot log alone (no store): rebuilds the Merkle root
 * from the log's ballots, tallies them the way the ballot pipeline does (every ballot, less the
 * cells of the snapshot's voided ones, so zero cells stay as the counters keep them), puts those
 * tallies in place of the snapshot's ballot tallies, runs the scheme engine, recomputes the main
 * problems (with the comment categories the log lines carry, counted over the same ballots), and
 * compares all of it with the snapshot. Everything that is not a ballot (served,
 * scores entered, imported tallies, misconduct, history) is the snapshot's own facts, which are
 * public and hashed.
 *
 * The root check is what makes the rest meaningful: it proves the log is every ballot the
 * publication committed to, so a channel the log has no ballot for really had none (imported).
 * The comment categories are outside the digests (ballot-log.ts): the header's lexicon must be the
 * one the snapshot counted with, or the counts would not be comparable.
 */
export function recountFromLog(scheme: Scheme, snapshot: Snapshot, log: LoggedBallot[], header?: BallotLogHeader): LogRecountReport {
  const mismatches: string[] = [];
  const miss = (m: string) => {
    if (mismatches.length < MAX_LISTED) mismatches.push(m);
  };
  if (header && header.roundId !== snapshot.roundId) miss(`log: round ${header.roundId}, the snapshot is ${snapshot.roundId}`);
  const lexicon = snapshot.commentLexicon;
  if (header && lexicon && canonicalJson(header.commentLexicon ?? null) !== canonicalJson(lexicon))
    miss(`log: comment categories from lexicon ${header.commentLexicon ? canonicalJson(header.commentLexicon) : 'none'}, the snapshot counted with ${canonicalJson(lexicon)}`);
  const seen = new Set<string>();
  const digests: string[] = [];
  for (const b of log) {
    const { digest, ...content } = b;
    const recomputed = ballotDigest(content);
    if (recomputed !== digest) miss(`ballot ${b.ballotId}: digest ${digest} does not match its content (recomputed ${recomputed})`);
    if (b.roundId !== snapshot.roundId) miss(`ballot ${b.ballotId}: round ${b.roundId}, the snapshot is ${snapshot.roundId}`);
    if (seen.has(b.ballotId)) miss(`ballot ${b.ballotId}: listed twice`);
    seen.add(b.ballotId);
    digests.push(recomputed);
  }
  const recomputedTree = ballotTreeOf(digests);
  const published = snapshot.ballotTree;
  if (!published) miss('snapshot: has no ballot tree (published before ballot digests); only the numbers are compared');
  else {
    if (published.size !== recomputedTree.size) miss(`ballot tree size: published ${published.size}, recomputed ${recomputedTree.size}`);
    if (published.root !== recomputedTree.root) miss(`ballot tree root: published ${published.root}, recomputed ${recomputedTree.root}`);
  }

  const factsById = new Map(snapshot.facts.targets.map((t) => [t.targetId, t]));
  const byId = new Map(log.map((b) => [b.ballotId, b]));
  const voided = new Set<string>();
  for (const v of snapshot.voided) {
    const b = byId.get(v.ballotId);
    if (!b) miss(`void of ${v.ballotId}: no such ballot in the log`);
    else if (b.targetId !== v.targetId || b.channel !== v.channel) miss(`void of ${v.ballotId}: the void says ${v.targetId}/${v.channel}, the ballot is ${b.targetId}/${b.channel}`);
    else voided.add(v.ballotId);
  }

  // Tallies exactly as the store builds them: counters of every ballot, then less the voided ones.
  const tallies = new Map<string, Partial<Record<ChannelKind, ChannelTally>>>();
  for (const b of log) {
    const target = factsById.get(b.targetId);
    if (!target) {
      miss(`ballot ${b.ballotId}: target ${b.targetId} is not in the published facts`);
      continue;
    }
    const perTarget = tallies.get(b.targetId) ?? {};
    const t = (perTarget[b.channel] ??= { ballots: 0, answers: {} });
    const sign = voided.has(b.ballotId) ? 0 : 1;
    t.ballots += sign;
    for (const [item, option] of tallyKeys(formFor(scheme, target, b.channel), b.answers)) {
      const cells = (t.answers[item] ??= {});
      cells[option] = (cells[option] ?? 0) + sign;
    }
    tallies.set(b.targetId, perTarget);
  }

  const imported: string[] = [];
  const targets = snapshot.facts.targets.map((t) => {
    const fromLog = tallies.get(t.targetId) ?? {};
    for (const [channel, published] of Object.entries(t.channels)) {
      if (channel in fromLog) continue;
      // No ballot of this channel in a complete log: the tally was entered, not voted.
      if (published && 'ballots' in published && published.ballots > 0) imported.push(`${t.targetId}.${channel}`);
    }
    for (const [channel, recount] of Object.entries(fromLog)) {
      const pub = t.channels[channel as ChannelKind];
      if (canonicalJson(pub) !== canonicalJson(recount)) miss(`facts ${t.targetId}.${channel}: published ${pub === undefined ? 'none' : canonicalJson(pub)}, recomputed ${canonicalJson(recount)}`);
    }
    return { ...t, channels: { ...t.channels, ...fromLog } };
  });

  const facts = RoundFacts.parse({ ...snapshot.facts, targets });
  let results: ReturnType<typeof scoreRound> | undefined;
  try {
    results = scoreRound(scheme, facts);
  } catch (e) {
    miss(`results: the engine refused the recounted facts: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (results) {
    for (const d of differences(snapshot.results, results, 'results')) miss(d);
    // A snapshot from before comment categories named indicator problems only.
    const comments = lexicon ? commentTallies(log, voided) : undefined;
    for (const d of differences(snapshot.mainProblems, roundMainProblems(scheme, results, facts, comments), 'mainProblems')) miss(d);
  }
  return { roundId: snapshot.roundId, version: snapshot.version, ballots: log.length, voided: voided.size, tree: { ...(published ? { published } : {}), recomputed: recomputedTree }, imported, mismatches };
}

/**
 * Paths where two JSON values differ, as "path: published X, recomputed Y" (numbers compared
 * exactly: the same engine on the same facts gives the same doubles).
 * @example differences({ a: [1, 2] }, { a: [1, 3] }, 'r') // ['r.a[1]: published 2, recomputed 3']
 */
export function differences(published: unknown, recomputed: unknown, path: string): string[] {
  if (canonicalJson(published ?? null) === canonicalJson(recomputed ?? null)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(published) && Array.isArray(recomputed) && published.length === recomputed.length)
    return published.flatMap((p, i) => differences(p, recomputed[i], `${path}[${i}]`));
  if (isObj(published) && isObj(recomputed)) {
    const keys = [...new Set([...Object.keys(published), ...Object.keys(recomputed)])].sort();
    return keys.flatMap((k) => differences(published[k], recomputed[k], `${path}.${k}`));
  }
  return [`${path}: published ${canonicalJson(published ?? null)}, recomputed ${canonicalJson(recomputed ?? null)}`];
}
