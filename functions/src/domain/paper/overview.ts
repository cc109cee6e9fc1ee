import type { MismatchList, PaperOverview, SerialView } from '@shared/api/paper';
import { PAPER_KIND_RULES } from '@shared/paper/kinds';
import { displaySerial } from '@shared/paper/serial';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { formFor } from '@shared/model/scheme-forms';
import { fullNames } from './targets';
import { issuedSerial, paperContext } from './serial-context';

/** Forms issued and returned per target, and the batches (without their serials' answers: there are none here). */
export async function paperOverview(deps: Deps, roundId: string): Promise<PaperOverview> {
  await getRoundOrThrow(deps, roundId);
  const [batches, returns] = await Promise.all([deps.store.paper.listBatches(roundId), deps.store.paper.listReturns(roundId)]);
  const targetIds = [...new Set([...batches.map((b) => b.targetId), ...returns.map((r) => r.targetId)])].sort();
  const nodes = await deps.store.org.getNodes(targetIds);
  const names = await fullNames(deps, [...nodes.values()]);
  const kindOf = new Map<string, boolean>();
  const rows = new Map(targetIds.map((id) => [id, { targetId: id, targetName: names.get(id) ?? id, issued: 0, counted: 0, awaitingSecond: 0, mismatches: 0, rateIssued: 0, rateCounted: 0 }]));
  for (const b of batches) {
    const row = rows.get(b.targetId)!;
    row.issued += b.serials.length;
    if (PAPER_KIND_RULES[b.kind].countsIssued) {
      row.rateIssued += b.serials.length;
      for (const s of b.serials) kindOf.set(s, true);
    }
  }
  for (const r of returns) {
    const row = rows.get(r.targetId)!;
    if (r.status === 'counted') row.counted++;
    if (r.status === 'counted' && kindOf.get(r.serial)) row.rateCounted++;
    if (r.status === 'keyed_once') row.awaitingSecond++;
    if (r.status === 'mismatch') row.mismatches++;
  }
  return {
    roundId,
    targets: [...rows.values()].map(({ rateIssued, rateCounted, ...row }) => ({ ...row, returnRate: rateIssued > 0 ? rateCounted / rateIssued : null })),
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
    keyedByYou: ret?.first.clerk === clerk || ret?.second?.clerk === clerk,
    period: { start: round.period.start, end: round.period.end },
    roundClosed: round.status !== 'open' || now >= Date.parse(round.closesAt),
  };
}

/** The mismatches waiting for a supervisor, both keyings side by side. */
export async function listMismatches(deps: Deps, roundId: string): Promise<MismatchList> {
  const round = await getRoundOrThrow(deps, roundId);
  const scheme = await deps.schemes(round);
  const waiting = (await deps.store.paper.listReturns(roundId)).filter((r) => r.status === 'mismatch' && r.second);
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
