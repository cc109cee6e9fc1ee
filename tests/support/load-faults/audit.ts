import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../../functions/src/adapters/dynamodb/keys';
import { idempotencyKeyOf } from '../../../functions/src/domain/ballots/keys';
import type { Deps } from '../../../functions/src/domain/deps';
import { recount } from '../../../functions/src/domain/recount';
import type { Answer } from './client';
import type { LoadPlan } from './plan';
import { t3, type LoadTrace } from './trace';

/**
 * The proof, after the dust settles: what the clients were told against what the table holds,
 * what the counters say and what a recount from the raw ballots says. Every violated invariant
 * becomes one line in `problems`; an empty list is the claim "no accepted ballot lost, none
 * counted twice, no receipt given for two ballots".
 */
export interface AuditReport {
  sends: number;
  unanswered: number;
  /** Final answers by status (and code for 4xx). */
  answers: Record<string, number>;
  /** Rival pairs the rival (sent second, by another client) won: the race really happened. */
  rivalWins: number;
  /** Distinct receipt ids the clients were given (2xx answers). */
  acceptedReceipts: number;
  storedBallots: number;
  idempotencyMarkers: number;
  dedupeMarkers: number;
  /** Sum of `ballots` over every target × channel of GET /rounds/:id/tallies. */
  talliedOverHttp: number;
  recount: { ballots: number; tallied: number; mismatches: number };
  problems: string[];
}

export interface AuditInput {
  plan: LoadPlan;
  answers: Answer[];
  /** Stored evaluator id of plan evaluator k (the app's pseudonym of the dev login). */
  evaluatorId: (k: number) => string;
  targetIds: string[];
  db: DynamoDBDocumentClient;
  tableName: string;
  deps: Deps;
  roundId: string;
  /** Ballots summed from the tallies endpoint. */
  talliedOverHttp: number;
  /** The server side's record of the run: turns a lost receipt from a count into a story. */
  trace?: LoadTrace;
}

interface StoredBallot {
  receiptId: string;
  clientBallotId: string;
  evaluator: string;
  targetId: string;
  channel: string;
  windowId?: string;
}

export async function audit(input: AuditInput): Promise<AuditReport> {
  const { plan, answers } = input;
  const problems: string[] = [];
  const problem = (msg: string) => problems.length < 50 && problems.push(msg);

  const byStatus: Record<string, number> = {};
  let unanswered = 0;
  answers.forEach((a, i) => {
    const key = a.status >= 400 ? `${a.status} ${a.code}` : String(a.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    if (a.status === 0) {
      unanswered++;
      problem(`send ${i} never answered within its deadline (${(a.latencyMs / 1000).toFixed(0)} s, ${a.attempts} attempts): ${a.failures.slice(-5).join(', ')}`);
    } else if (!(a.status === 200 || a.status === 201 || (a.status === 409 && a.code === 'DUPLICATE_BALLOT'))) problem(`send ${i} answered ${a.status} ${a.code}`);
    else if ((a.status === 200) !== (a.replayed === true)) problem(`send ${i}: status ${a.status} with replayed=${a.replayed}`);
  });

  // What the clients were told.
  const receiptOf = new Map<string, { clientBallotId: string; slot: number }>();
  const receiptsOfSlot = new Map<number, Set<string>>();
  plan.sends.forEach((s, i) => {
    const a = answers[i]!;
    if (a.status !== 200 && a.status !== 201) return;
    if (!a.receiptId) return void problem(`send ${i} accepted without a receipt id`);
    const seen = receiptOf.get(a.receiptId);
    if (seen && (seen.clientBallotId !== s.clientBallotId || seen.slot !== s.slot)) problem(`receipt ${a.receiptId} given for two ballots (${seen.clientBallotId}, ${s.clientBallotId})`);
    receiptOf.set(a.receiptId, { clientBallotId: s.clientBallotId, slot: s.slot });
    const set = receiptsOfSlot.get(s.slot) ?? new Set();
    set.add(a.receiptId);
    receiptsOfSlot.set(s.slot, set);
  });
  for (const slot of plan.slots) {
    const n = receiptsOfSlot.get(slot.index)?.size ?? 0;
    if (n !== 1) problem(`slot ${slot.index} (evaluator ${slot.evaluator}, target ${slot.target}, ${slot.channel}) has ${n} accepted ballots`);
  }
  const rivalWins = plan.sends.filter((s) => s.kind === 'rival' && (answers[s.id]!.status === 201 || answers[s.id]!.status === 200)).length;
  const originals = new Map(plan.sends.filter((s) => s.kind === 'original').map((s) => [s.slot, s.id]));
  const rivalled = new Set(plan.sends.filter((s) => s.kind === 'rival').map((s) => s.slot));
  for (const s of plan.sends) {
    const a = answers[s.id]!;
    const first = answers[originals.get(s.slot)!]!;
    if (s.kind === 'resend' && (a.status !== 200 || a.receiptId !== first.receiptId)) problem(`resend ${s.id} got ${a.status} ${a.receiptId ?? a.code}, its original ${first.status} ${first.receiptId ?? first.code}`);
    if (s.kind === 'original' && !rivalled.has(s.slot) && a.status !== 201 && a.status !== 200) problem(`unrivalled original ${s.id} got ${a.status} ${a.code}`);
  }

  // What the table holds: every item, not just the partitions the recount knows of.
  const stored: StoredBallot[] = [];
  let idempotencyMarkers = 0;
  let dedupeMarkers = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await input.db.send(new ScanCommand({ TableName: input.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      if (item.entity === 'ballot') stored.push(item as unknown as StoredBallot);
      else if (item.entity === 'idempotency') idempotencyMarkers++;
      else if (item.entity === 'dedupe') dedupeMarkers++;
    }
    start = page.LastEvaluatedKey;
  } while (start);

  const storedReceipts = new Set<string>();
  const storedSlots = new Set<string>();
  const storedIds = new Set<string>();
  for (const b of stored) {
    if (storedReceipts.has(b.receiptId)) problem(`receipt ${b.receiptId} stored twice`);
    storedReceipts.add(b.receiptId);
    const slotKey = `${b.evaluator}|${b.targetId}|${b.channel}|${b.windowId ?? ''}`;
    if (storedSlots.has(slotKey)) problem(`two ballots stored for one evaluator × target × channel (${b.targetId}, ${b.channel})`);
    storedSlots.add(slotKey);
    const idKey = `${b.evaluator}|${b.clientBallotId}`;
    if (storedIds.has(idKey)) problem(`clientBallotId ${b.clientBallotId} stored twice`);
    storedIds.add(idKey);
    const told = receiptOf.get(b.receiptId);
    if (!told) {
      problem(`stored ballot ${b.receiptId} (${b.targetId}, ${b.channel}) was never acknowledged to any client`);
      continue;
    }
    const slot = plan.slots[told.slot]!;
    if (b.clientBallotId !== told.clientBallotId || b.evaluator !== input.evaluatorId(slot.evaluator) || b.targetId !== input.targetIds[slot.target] || b.channel !== slot.channel)
      problem(`receipt ${b.receiptId} names a different ballot in the table than the one its client sent`);
  }
  for (const [r, told] of receiptOf) if (!storedReceipts.has(r)) problem(`receipt ${r} was given but no such ballot is stored${await explainSlot(input, told.slot)}`);
  if (idempotencyMarkers !== stored.length) problem(`${idempotencyMarkers} idempotency markers for ${stored.length} ballots`);
  if (dedupeMarkers !== stored.length) problem(`${dedupeMarkers} dedupe markers for ${stored.length} ballots`);
  if (input.talliedOverHttp !== stored.length) problem(`tallies count ${input.talliedOverHttp} ballots, the table holds ${stored.length}`);

  const report = await recount(input.deps, input.roundId);
  if (report.ballots !== stored.length) problem(`recount read ${report.ballots} ballots, the table holds ${stored.length}`);
  if (report.tallied !== stored.length) problem(`recount summed ${report.tallied} from the counters, the table holds ${stored.length}`);
  for (const m of report.mismatches.slice(0, 10)) problem(`recount mismatch ${m.targetId} ${m.channel} ${m.cell}: ballots ${m.fromBallots}, counters ${m.fromTallies}`);

  return {
    sends: plan.sends.length,
    unanswered,
    answers: byStatus,
    rivalWins,
    acceptedReceipts: receiptOf.size,
    storedBallots: stored.length,
    idempotencyMarkers,
    dedupeMarkers,
    talliedOverHttp: input.talliedOverHttp,
    recount: { ballots: report.ballots, tallied: report.tallied, mismatches: report.mismatches.length },
    problems,
  };
}

/**
 * Everything known about one slot, for a problem line: each send and its answer, each
 * receipt lookup and writeBallot the server made for the slot's idempotency keys, each
 * TransactWriteItems with its HTTP attempts, whether the items each write would have made
 * exist now, and the fault/restart timeline around it. Times are seconds on the trace's clock.
 */
async function explainSlot(input: AuditInput, slotIndex: number): Promise<string> {
  const { plan, answers, trace } = input;
  const slot = plan.slots[slotIndex]!;
  const lines = [`slot ${slot.index}: evaluator ${slot.evaluator}, target ${slot.target}, ${slot.channel}`];
  const evaluator = input.evaluatorId(slot.evaluator);
  let from = Infinity;
  let to = -Infinity;
  const span = (a: number | undefined, b: number | undefined) => {
    if (a !== undefined) from = Math.min(from, a);
    if (b !== undefined) to = Math.max(to, b);
  };
  const exists = async (key: Record<string, unknown>) => {
    const r = await input.db.send(new GetCommand({ TableName: input.tableName, Key: key, ConsistentRead: true }));
    return r.Item ? `present${r.Item.receipt ? ` (receipt ${(r.Item.receipt as { receiptId: string }).receiptId})` : ''}` : 'absent';
  };
  for (const s of plan.sends.filter((x) => x.slot === slot.index)) {
    const a = answers[s.id]!;
    const t0 = trace ? trace.at(a.startedAt) : undefined;
    span(t0, t0 === undefined ? undefined : t0 + a.latencyMs / 1000);
    lines.push(
      `  send ${s.id} ${s.kind} clientBallotId ${s.clientBallotId}: ${a.status}${a.code ? ` ${a.code}` : ''} receipt ${a.receiptId ?? '-'} replayed ${a.replayed} after ${a.attempts} attempts [${a.failures.join(', ')}] at ${t3(t0)}+${(a.latencyMs / 1000).toFixed(3)}s (requests ${a.attemptMs.map((m) => (m / 1000).toFixed(2)).join(', ')}s)`,
    );
    const key = idempotencyKeyOf(evaluator, s.clientBallotId);
    lines.push(`    IDEM ${key.slice(0, 12)}…: ${await exists(keys.idempotency(key))}`);
    for (const l of trace?.lookups.get(key) ?? []) lines.push(`    findReceipt ${t3(l.t0)}–${t3(l.t1)}: ${l.outcome ?? 'unfinished'}`);
    for (const w of trace?.writes.get(key) ?? []) {
      span(w.t0, w.t1);
      lines.push(`    writeBallot ${t3(w.t0)}–${t3(w.t1)} receipt ${w.receiptId} ballot ${w.ballot.ballotId} shard ${w.ballot.shard}: ${w.outcome ?? 'unfinished'}`);
      lines.push(`      now: DEDUP ${await exists(keys.dedupe(w.dedupeKey))}, BALLOT ${await exists(keys.ballot(w.ballot.roundId, w.ballot.shard, w.ballot.receivedAt, w.ballot.ballotId))}`);
      for (const tx of trace?.txs.get(w.receiptId) ?? []) {
        lines.push(`      TransactWriteItems ${t3(tx.t0)}–${t3(tx.t1)} token ${tx.token?.slice(0, 12)}…: ${tx.outcome ?? 'unfinished'}`);
        for (const at of tx.attempts) lines.push(`        http ${t3(at.t0)}–${t3(at.t1)}: ${at.outcome ?? 'unfinished'}`);
      }
    }
  }
  if (trace && from <= to) {
    lines.push(`  timeline ${t3(from - 15)}–${t3(to + 15)}:`);
    for (const e of trace.timeline) if (e.t >= from - 15 && e.t <= to + 15) lines.push(`    ${t3(e.t)} ${e.what}`);
  }
  return `\n${lines.join('\n')}`;
}
