import { AppError } from '@shared/errors';
import { tallyKeys } from '@shared/model/form';
import { formFor } from '@shared/model/scheme-forms';
import type { ChannelKind } from '@shared/model/channel';
import type { Deps } from './deps';
import { getRoundOrThrow } from './rounds-admin';
import { readPublication } from './publication';
import { ballotTreeOf, digestOfBallot } from '@shared/publication/ballot-log';

export interface RecountReport {
  roundId: string;
  ballots: number;
  /** Sum of `ballots` over every stored tally. */
  tallied: number;
  mismatches: Array<{ targetId: string; channel: ChannelKind; cell: string; fromBallots: number; fromTallies: number }>;
  /** Ballots on the void list. */
  voided: number;
  /**
   * Void records that do not match a stored ballot of the round, or whose removed cells differ
   * from what the ballot counted: the results (counters − voids) would then not equal the
   * recount of the non-voided ballots. Empty when the void list is consistent.
   */
  voidMismatches: Array<{ ballotId: string; problem: string }>;
  /**
   * Ballots whose content no longer matches the digest stored when they were accepted (and
   * handed to the citizen on the receipt): edited in the table since. Empty when untouched.
   */
  digestMismatches: Array<{ ballotId: string; stored: string; recomputed: string }>;
  /** The root of the ballots as stored now, and (published rounds) the latest version's root: they differ when a ballot was added, removed or edited after publication. */
  tree: { size: number; root: string; published?: { version: number; size: number; root: string } };
}

/**
 * The audit tool: recomputes every tally cell from the raw ballots and compares it with the
 * counters, each ballot's digest with the one it was accepted with, and (once published) the
 * root of the ballots with the published root. Any difference is listed; empty lists mean the
 * published numbers are exactly what the ballots say.
 */
export async function recount(deps: Deps, roundId: string): Promise<RecountReport> {
  const round = await getRoundOrThrow(deps, roundId);
  const scheme = (await deps.schemes(round));
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  const nodes = new Map((await deps.store.org.listNodesOfKind(round.targetKind)).map((n) => [n.id, n]));
  const expected = new Map<string, number>();
  const bump = (k: string) => expected.set(k, (expected.get(k) ?? 0) + 1);
  const voids = new Map((await deps.store.review.listVoids(roundId)).map((v) => [v.ballotId, v]));
  const voidMismatches: RecountReport['voidMismatches'] = [];
  const seenVoids = new Set<string>();
  let ballots = 0;
  const digestMismatches: RecountReport['digestMismatches'] = [];
  const digests: string[] = [];
  for await (const b of deps.store.ballots.listBallots(roundId, round.tallyShards)) {
    ballots++;
    const digest = digestOfBallot(b);
    digests.push(digest);
    if (b.digest !== undefined && b.digest !== digest) digestMismatches.push({ ballotId: b.ballotId, stored: b.digest, recomputed: digest });
    const form = formFor(scheme, nodes.get(b.targetId) ?? {}, b.channel);
    const cells = tallyKeys(form, b.answers);
    bump(`${b.targetId}|${b.channel}|n`);
    for (const [item, option] of cells) bump(`${b.targetId}|${b.channel}|${item}:${option}`);
    const v = voids.get(b.ballotId);
    if (!v) continue;
    seenVoids.add(b.ballotId);
    // Results subtract exactly these cells from the counters; they must be what the ballot added.
    const same = v.targetId === b.targetId && v.channel === b.channel && JSON.stringify([...v.cells].sort()) === JSON.stringify([...cells].sort());
    if (!same) voidMismatches.push({ ballotId: b.ballotId, problem: 'void record differs from the ballot it voids' });
  }
  for (const id of voids.keys()) if (!seenVoids.has(id)) voidMismatches.push({ ballotId: id, problem: 'void record without a stored ballot' });
  const actual = new Map<string, number>();
  let tallied = 0;
  for (const [targetId, channels] of await deps.store.ballots.readTallies(roundId, round.tallyShards)) {
    for (const [channel, t] of Object.entries(channels)) {
      if (!t) continue;
      tallied += t.ballots;
      actual.set(`${targetId}|${channel}|n`, t.ballots);
      for (const [item, cells] of Object.entries(t.answers)) for (const [option, n] of Object.entries(cells)) actual.set(`${targetId}|${channel}|${item}:${option}`, n);
    }
  }
  const mismatches: RecountReport['mismatches'] = [];
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const fromBallots = expected.get(key) ?? 0;
    const fromTallies = actual.get(key) ?? 0;
    if (fromBallots === fromTallies) continue;
    const [targetId, channel, cell] = key.split('|') as [string, ChannelKind, string];
    mismatches.push({ targetId, channel, cell, fromBallots, fromTallies });
  }
  const { size, root } = ballotTreeOf(digests);
  const latest = round.status === 'published' ? await readPublication(deps, roundId) : undefined;
  const published = latest?.snapshot.ballotTree;
  return {
    roundId,
    ballots,
    tallied,
    mismatches,
    voided: voids.size,
    voidMismatches,
    digestMismatches,
    tree: { size, root, ...(published ? { published: { version: latest!.stored.version, size: published.size, root: published.root } } : {}) },
  };
}
