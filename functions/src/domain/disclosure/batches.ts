import type { Round } from '@shared/model/round';
import type { ChannelKind } from '@shared/model/channel';
import type { ChannelTally, TalliesResponse } from '@shared/api/results';
import { advances, COMMENT_SETTLE_MS } from '@shared/privacy/disclosure';
import type { Deps } from '../deps';
import type { StoredVoid } from '../../ports';
import { withoutVoids } from '../round-facts';
import { roundTallies } from '../tallies';
import type { CommentRecord, DisclosedBatch } from './port';

/** Comments kept per batch and shown per target (the newest). */
export const MAX_COMMENTS = 200;
/** A batch item stays well under DynamoDB's 400 KB: the oldest comments give way first. */
const MAX_COMMENT_BYTES = 250_000;

export const ballotsOf = (channels: Partial<Record<ChannelKind, ChannelTally>> | undefined) => Object.values(channels ?? {}).reduce((n, t) => n + (t?.ballots ?? 0), 0);

/** A void's comment is never shown; its cells leave the tallies. */
export const notVoided = (voids: StoredVoid[]) => {
  const ids = new Set(voids.map((v) => v.ballotId));
  return (c: CommentRecord) => !ids.has(c.ballotId);
};

/**
 * What the staff of `targetIds` may see of an open round: for each target, its stored batch,
 * moved on first where at least k ballots arrived since (shared/privacy/disclosure.ts). Two reads
 * of one target therefore differ by nothing or by k ballots or more.
 *
 * Order matters when a batch moves on:
 *   t0  list the target's comments (older than t0 − COMMENT_SETTLE_MS)
 *   t1  read the counters again; the batch takes these tallies
 * A comment is written in the same transaction as its ballot's counter, so every comment seen
 * at t0 is counted by t1: a batch never shows a comment whose ballot it does not count. A ballot
 * counted at t1 whose comment came too late joins the next batch's comments.
 */
export async function disclosedBatches(deps: Deps, round: Round, k: number, live: TalliesResponse, targetIds: string[], voids: StoredVoid[]): Promise<Map<string, DisclosedBatch>> {
  const batches = await deps.store.disclosure.listBatches(round.id);
  const liveBy = new Map(live.targets.map((t) => [t.targetId, t.channels]));
  const due = targetIds.filter((id) => advances(batches.get(id)?.ballots ?? 0, ballotsOf(liveBy.get(id)), k));
  if (due.length === 0) return batches;
  const before = new Date(deps.clock.now().getTime() - COMMENT_SETTLE_MS).toISOString();
  const comments = new Map(await Promise.all(due.map(async (id) => [id, await deps.store.disclosure.listComments(round.id, id, MAX_COMMENTS, before)] as const)));
  const fresh = new Map((await roundTallies(deps, round.id, { fresh: true })).targets.map((t) => [t.targetId, t.channels]));
  const keep = notVoided(voids);
  let moved = false;
  await Promise.all(
    due.map(async (id) => {
      const channels = fresh.get(id) ?? {};
      const batch: DisclosedBatch = {
        targetId: id,
        ballots: ballotsOf(channels),
        channels: withoutVoids(channels, voids.filter((v) => v.targetId === id)),
        comments: fitting((comments.get(id) ?? []).filter(keep)),
        before,
      };
      if (await deps.store.disclosure.putBatch(round.id, batch, batches.get(id)?.ballots)) batches.set(id, batch);
      else moved = true;
    }),
  );
  // Another read moved a batch first: show what it stored, not ours.
  return moved ? deps.store.disclosure.listBatches(round.id) : batches;
}

function fitting(comments: CommentRecord[]): CommentRecord[] {
  let bytes = 0;
  const out: CommentRecord[] = [];
  for (const c of comments) {
    bytes += Buffer.byteLength(c.text) + 120;
    if (bytes > MAX_COMMENT_BYTES) break;
    out.push(c);
  }
  return out;
}
