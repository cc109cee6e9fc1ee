import { AppError } from '@shared/errors';
import { tallyKeys } from '@shared/model/form';
import { formFor } from '@shared/model/scheme-forms';
import type { ChannelKind } from '@shared/model/channel';
import type { Deps } from './deps';
import { getRoundOrThrow } from './rounds-admin';

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
}

/**
 * The audit tool: recomputes every tally cell from the raw ballots and compares it with the
 * counters. Any difference is listed; an empty list means the published numbers are exactly
 * what the ballots say.
 */
export async function recount(deps: Deps, roundId: string): Promise<RecountReport> {
  const round = await getRoundOrThrow(deps, roundId);
  const scheme = deps.schemes(round.schemeId);
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  const nodes = new Map((await deps.store.org.listNodesOfKind(round.targetKind)).map((n) => [n.id, n]));
  const expected = new Map<string, number>();
  const bump = (k: string) => expected.set(k, (expected.get(k) ?? 0) + 1);
  const voids = new Map((await deps.store.review.listVoids(roundId)).map((v) => [v.ballotId, v]));
  const voidMismatches: RecountReport['voidMismatches'] = [];
  const seenVoids = new Set<string>();
  let ballots = 0;
  for await (const b of deps.store.ballots.listBallots(roundId, round.tallyShards)) {
    ballots++;
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
  return { roundId, ballots, tallied, mismatches, voided: voids.size, voidMismatches };
}
