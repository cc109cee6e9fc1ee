import { AppError } from '@shared/errors';
import { checkAnswers, type Answers } from '@shared/model/form';
import { formFor } from '@shared/model/scheme-forms';
import type { OrgNode } from '@shared/model/org';
import type { Deps } from '../deps';
import type { Round } from '@shared/model/round';
import { parseCsv } from '../csv';
import { sha256Hex } from '../crypto';
import { pseudonym } from '../sessions';
import { getRoundOrThrow } from '../rounds-admin';
import { assertAccepting, assertChannel, isRoundTarget } from '../round-rules';
import { schemeOf } from './check';
import { fingerprintOf, idempotencyKeyOf } from './keys';
import { enterKeyedBallot, type KeyedBallot } from './keyed';

type RowError = { line: number; field?: string; message: string };
type PhoneRow = { line: number; callId: string; target: OrgNode; answers: Answers };

const CALL_ID = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * Imports a telephone survey (电话测评) from CSV: `callId,targetId,<item>,<item>…` where the
 * item columns are the ids of the scheme's phone form; an empty cell is a blank answer, a multi
 * item lists options separated by `|`. Each row becomes a `phone` ballot through the same
 * pipeline as any other: the call id is the evaluator (pseudonymised) and, with the target,
 * the idempotency key — so re-importing a file after a failure counts nothing twice, and a row
 * changed since the first import is refused. Every row is checked (and every earlier import
 * compared) before the first write: any error imports nothing and lists each bad row.
 */
export async function importPhoneSurvey(deps: Deps, roundId: string, csv: string): Promise<{ rows: number; accepted: number; replayed: number }> {
  const round = await getRoundOrThrow(deps, roundId);
  assertChannel(round, 'phone');
  assertAccepting(round, deps.clock.now());
  const scheme = await schemeOf(deps, round);
  const [header, ...lines] = parseCsv(csv);
  const columns = header?.fields.map((f) => f.trim()) ?? [];
  if (columns[0] !== 'callId' || columns[1] !== 'targetId' || columns.length < 3) throw new AppError('CSV_INVALID', { errors: [{ line: 1, message: '表头应为 callId,targetId,<评议项>…' }] });
  if (lines.length === 0) throw new AppError('CSV_INVALID', { errors: [{ line: 2, message: '没有数据行' }] });
  const nodes = new Map((await deps.store.org.listNodes()).map((n) => [n.id, n]));
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const rows: PhoneRow[] = [];
  for (const line of lines) {
    const [callId = '', targetId = '', ...cells] = line.fields.map((f) => f.trim());
    const before = errors.length;
    if (line.fields.length !== columns.length) errors.push({ line: line.line, message: `应有 ${columns.length} 列，实际 ${line.fields.length} 列` });
    if (!CALL_ID.test(callId)) errors.push({ line: line.line, field: 'callId', message: '通话编号只能由字母、数字、_、- 组成（1–40 位）' });
    const target = nodes.get(targetId);
    if (!target || !isRoundTarget(round, target)) errors.push({ line: line.line, field: 'targetId', message: `${targetId} 不是本轮评议对象` });
    const key = `${callId}|${targetId}`;
    if (seen.has(key)) errors.push({ line: line.line, field: 'callId', message: `与第 ${seen.get(key)} 行重复` });
    seen.set(key, line.line);
    if (errors.length > before || !target) continue;
    const answers: Answers = {};
    columns.slice(2).forEach((item, i) => {
      const cell = cells[i] ?? '';
      if (cell === '') return;
      const formItem = formFor(scheme, target, 'phone').items.find((x) => x.id === item);
      answers[item] = formItem?.kind === 'multi' ? cell.split('|').map((v) => v.trim()) : cell;
    });
    for (const p of checkAnswers(formFor(scheme, target, 'phone'), answers)) errors.push({ line: line.line, field: p.item, message: `评议项 ${p.item}: ${p.problem}` });
    if (errors.length === before) rows.push({ line: line.line, callId, target, answers });
  }
  if (errors.length > 0) throw new AppError('CSV_INVALID', { errors: errors.slice(0, 200) });

  const now = deps.clock.now();
  const drafts = rows.map((r) => draftOf(deps, round, r, now));
  const conflicts: RowError[] = [];
  const earlier = await Promise.all(drafts.map((d) => deps.store.ballots.findReceipt(d.idempotencyKey)));
  earlier.forEach((e, i) => {
    if (e && e.fingerprint !== drafts[i]!.fingerprint) conflicts.push({ line: rows[i]!.line, field: 'callId', message: '该通话此前已导入且答案不同' });
  });
  if (conflicts.length > 0) throw new AppError('CSV_INVALID', { errors: conflicts.slice(0, 200) });

  let accepted = 0;
  let replayed = 0;
  for (const d of drafts) {
    // Each row goes through the pipeline on its own, so a round closed mid-import refuses the rows after it.
    const r = await enterKeyedBallot(deps, d);
    if (r.replayed) replayed++;
    else accepted++;
  }
  return { rows: rows.length, accepted, replayed };
}

/** A row's ballot: the call id is the evaluator, and with the target the idempotency key. */
function draftOf(deps: Deps, round: Round, r: PhoneRow, now: Date): KeyedBallot {
  const evaluator = pseudonym(deps.secrets.pseudonymKey, `phone:${round.id}:${r.callId}`);
  const h = sha256Hex(`phone|${round.id}|${r.callId}|${r.target.id}`);
  // A UUID-shaped id derived from the row, so the same row always has the same idempotency key.
  const clientBallotId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  return {
    round,
    target: r.target,
    channel: 'phone',
    source: { kind: 'phone', callId: r.callId },
    evaluator,
    clientBallotId,
    idempotencyKey: idempotencyKeyOf(evaluator, clientBallotId),
    fingerprint: fingerprintOf({ targetId: r.target.id, answers: r.answers }),
    dedupeKey: `${round.id}#${r.target.id}#${evaluator}#phone`,
    answers: r.answers,
    duplicateCode: 'DUPLICATE_BALLOT',
    now,
  };
}
