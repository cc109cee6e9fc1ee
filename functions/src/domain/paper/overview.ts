import type { MismatchList, PaperOverview, SerialView } from '@shared/api/paper';
import { PAPER_KIND_RULES } from '@shared/paper/kinds';
import { Scheme } from '@shared/scoring';
import { displaySerial } from '@shared/paper/serial';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { formFor } from '@shared/model/scheme-forms';
import { fullNames } from './targets';
import { issuedSerial, paperContext } from './serial-context';
import type { KeyedReturn } from './port';
import { returnCounts, returnRateChannels } from './return-rate';

/**
 * Per target: forms issued, counted from paper, answered online through a form's QR, waiting,
 * and 回收率 from return-rate.ts — the same counts the engine reads as `served` / `returned`,
 * on the scheme's return-rate channels when it has any.
 */
export async function paperOverview(deps: Deps, roundId: string): Promise<PaperOverview> {
  const round = await getRoundOrThrow(deps, roundId);
  const [batches, returns, scheme] = await Promise.all([deps.store.paper.listBatches(roundId), deps.store.paper.listReturns(roundId), deps.schemes(round)]);
  const parsed = Scheme.safeParse(scheme);
  const channels = parsed.success ? returnRateChannels(parsed.data) : [];
  const rates = returnCounts(batches, returns, channels.length > 0 ? channels : undefined);
  const targetIds = [...new Set([...batches.map((b) => b.targetId), ...returns.map((r) => r.targetId)])].sort();
  const nodes = await deps.store.org.getNodes(targetIds);
  const names = await fullNames(deps, [...nodes.values()]);
  const rows = new Map(targetIds.map((id) => [id, { targetId: id, targetName: names.get(id) ?? id, issued: 0, counted: 0, online: 0, awaitingSecond: 0, mismatches: 0 }]));
  for (const b of batches) rows.get(b.targetId)!.issued += b.serials.length;
  for (const r of returns) {
    const row = rows.get(r.targetId)!;
    if (r.status === 'counted') row.counted++;
    if (r.status === 'online' || r.status === 'superseded') row.online++;
    if (r.status === 'keyed_once') row.awaitingSecond++;
    if (r.status === 'mismatch') row.mismatches++;
  }
  return {
    roundId,
    targets: [...rows.values()].map((row) => {
      const rate = rates.get(row.targetId);
      return { ...row, returnRate: rate && rate.issued > 0 ? rate.returned / rate.issued : null };
    }),
    batches: batches
      .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt))
      .map((b) => ({ batchId: b.batchId, targetId: b.targetId, targetName: names.get(b.targetId) ?? b.targetId, kind: b.kind, channel: b.channel, issuedAt: b.issuedAt, count: b.serials.length })),
  };
}

/** What a scanned serial is: round, target in full, form, and how far its keying got (never what was keyed). */
export async function serialView(deps: Deps, clerk: string, input: string): Promise<SerialView> {
  const issued = await issuedSerial(deps, input);
  const { round, target, form } = await paperContext(deps, issued);
  const [names, ret] = await Promise.all([fullNames(deps, [target]), deps.store.paper.getReturn(round.id, issued.serial)]);
  const now = deps.clock.now().getTime();
  return {
    serial: displaySerial(issued.serial),
    roundId: round.id,
    roundName: round.name,
    targetId: target.id,
    targetName: names.get(target.id) ?? target.name,
    kind: issued.kind,
    kindLabel: PAPER_KIND_RULES[issued.kind].label,
    channel: issued.channel,
    form,
    status: ret?.status ?? 'not_returned',
    keyedByYou: ret !== undefined && ret.status !== 'online' && (ret.first.clerk === clerk || ret.second?.clerk === clerk),
    period: { start: round.period.start, end: round.period.end },
    roundClosed: round.status !== 'open' || now >= Date.parse(round.closesAt),
  };
}

/** The mismatches waiting for a supervisor, both keyings side by side. */
export async function listMismatches(deps: Deps, roundId: string): Promise<MismatchList> {
  const round = await getRoundOrThrow(deps, roundId);
  const scheme = await deps.schemes(round);
  const waiting = (await deps.store.paper.listReturns(roundId)).filter((r): r is KeyedReturn => r.status === 'mismatch' && r.second !== undefined);
  const nodes = await deps.store.org.getNodes([...new Set(waiting.map((r) => r.targetId))]);
  const names = await fullNames(deps, [...nodes.values()]);
  const mismatches = [];
  for (const r of waiting) {
    const issued = await deps.store.paper.getSerial(r.serial);
    const form = scheme && issued ? formFor(scheme, nodes.get(r.targetId) ?? {}, issued.channel) : undefined;
    if (!form) continue;
    mismatches.push({ serial: displaySerial(r.serial), targetId: r.targetId, targetName: names.get(r.targetId) ?? r.targetId, form, first: r.first, second: r.second! });
  }
  return { roundId, mismatches };
}
