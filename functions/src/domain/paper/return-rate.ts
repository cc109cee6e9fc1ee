import type { ChannelKind } from '@shared/model/channel';
import { PAPER_KIND_RULES } from '@shared/paper/kinds';
import type { Scheme } from '@shared/scoring';
import type { Deps } from '../deps';
import { hasReturned, type IssuedBatch, type PaperReturn } from './port';

/** One target's 回收率 counts: forms issued and how many of them came back. */
export interface ReturnCounts {
  issued: number;
  returned: number;
}

/**
 * 回收率 = forms returned ÷ forms issued (ganquan-2014.txt: 测评表回收率), the ONE computation
 * behind both the paper page and the engine's `served` / `returned` facts, so the two never
 * disagree. Only kinds handed to the people served count (envelope, visit: PAPER_KIND_RULES),
 * on `channels` when given (the scheme's return-rate component). A form is returned when its
 * serial counted once, keyed from paper or answered online through the form's own QR (which
 * replaces the paper, once); a window's own QR ballot never had a form and is no return.
 * A voided ballot's form still came back: voiding judges the answers, not the post.
 */
export function returnCounts(batches: readonly IssuedBatch[], returns: readonly PaperReturn[], channels?: readonly ChannelKind[]): Map<string, ReturnCounts> {
  const out = new Map<string, ReturnCounts>();
  const counting = new Set<string>();
  for (const b of batches) {
    if (!PAPER_KIND_RULES[b.kind].countsIssued || (channels && !channels.includes(b.channel))) continue;
    const row = out.get(b.targetId) ?? { issued: 0, returned: 0 };
    row.issued += b.serials.length;
    out.set(b.targetId, row);
    for (const s of b.serials) counting.add(s);
  }
  for (const r of returns) if (counting.has(r.serial) && hasReturned(r)) out.get(r.targetId)!.returned++;
  return out;
}

/** The round's return counts per target, read from the store. */
export async function roundReturnCounts(deps: Deps, roundId: string, channels?: readonly ChannelKind[]): Promise<Map<string, ReturnCounts>> {
  const [batches, returns] = await Promise.all([deps.store.paper.listBatches(roundId), deps.store.paper.listReturns(roundId)]);
  return returnCounts(batches, returns, channels);
}

/**
 * The channels a scheme's return-rate components count on (甘泉: window); empty when it has none.
 * @example returnRateChannels(ganquan) // ['window']
 */
export function returnRateChannels(scheme: Pick<Scheme, 'components'>): ChannelKind[] {
  return [...new Set(scheme.components.flatMap((c) => (c.kind === 'returnRate' ? c.channels : [])))];
}
