import { AppError } from '@shared/errors';
import type { ChannelKind } from '@shared/model/channel';
import type { Round } from '@shared/model/round';
import type { IssueFormsRequest, IssueFormsResponse } from '@shared/api/paper';
import { PAPER_KIND_RULES, type PaperKind } from '@shared/paper/kinds';
import { displaySerial, serialFrom } from '@shared/paper/serial';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { isRoundTarget } from '../round-rules';
import type { IssuedBatch } from './port';
import { fullNames } from './targets';

/** One transaction holds a batch item and at most 99 serials. */
const SERIALS_PER_WRITE = 99;
/** A serial collision (2⁻⁵⁵ a pair) only makes the write fail; new serials are drawn this many times. */
const COLLISION_RETRIES = 3;

/**
 * Issues `count` serials to each target: forms issued, stored before a single form is printed,
 * so the return rate's denominator is what the office handed out, not a number typed later.
 * Every serial is new (conditional write) and belongs to this round and target for good.
 * Refused for a cancelled or published round and for a kind or channel the round does not take.
 */
export async function issueForms(deps: Deps, actor: string, roundId: string, req: IssueFormsRequest): Promise<IssueFormsResponse> {
  const round = await getRoundOrThrow(deps, roundId);
  if (round.status === 'cancelled') throw new AppError('ROUND_CANCELLED', { roundId });
  if (round.status === 'published') throw new AppError('ROUND_CLOSED', { roundId });
  const channel = channelFor(round, req.kind, req.channel);
  const nodes = await deps.store.org.getNodes(req.targetIds);
  const bad = req.targetIds.filter((id) => {
    const n = nodes.get(id);
    return !n || !isRoundTarget(round, n);
  });
  if (bad.length > 0) throw new AppError('TARGET_NOT_IN_ROUND', { targetIds: bad });
  const targets = [...new Set(req.targetIds)].map((id) => nodes.get(id)!);
  const names = await fullNames(deps, targets);
  const issuedAt = deps.clock.now().toISOString();
  const batches: IssueFormsResponse['batches'] = [];
  for (const t of targets) {
    for (let left = req.count; left > 0; left -= SERIALS_PER_WRITE) {
      const batch = await writeBatch(deps, { roundId, targetId: t.id, kind: req.kind, channel, issuedAt, issuedBy: actor }, Math.min(left, SERIALS_PER_WRITE));
      batches.push({ batchId: batch.batchId, targetId: t.id, targetName: names.get(t.id) ?? t.name, kind: req.kind, channel, serials: batch.serials.map(displaySerial), issuedAt });
    }
  }
  return { roundId, batches };
}

async function writeBatch(deps: Deps, base: Omit<IssuedBatch, 'batchId' | 'serials'>, n: number): Promise<IssuedBatch> {
  for (let attempt = 0; attempt < COLLISION_RETRIES; attempt++) {
    const batch: IssuedBatch = { ...base, batchId: deps.ids.shortId(10), serials: Array.from({ length: n }, () => serialFrom(deps.ids.shortId(11))) };
    if (new Set(batch.serials).size === n && (await deps.store.paper.issueBatch(batch))) return batch;
  }
  throw new Error('could not draw unused serials');
}

/** The channel a kind's forms count on in this round: the one named, or the kind's first the round takes. */
export function channelFor(round: Round, kind: PaperKind, named?: ChannelKind): ChannelKind {
  const allowed = PAPER_KIND_RULES[kind].channels.filter((c) => round.channels.includes(c));
  const channel = named ?? allowed[0];
  if (!channel || !allowed.includes(channel)) throw new AppError('PAPER_KIND_NOT_ALLOWED', { kind, channel: named, roundChannels: round.channels });
  return channel;
}
