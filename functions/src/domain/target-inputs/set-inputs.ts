import { AppError, type ErrorCode } from '@shared/errors';
import { Scheme } from '@shared/scoring';
import { canonicalJson } from '@shared/publication/canonical';
import { checkField, type FieldProblem, type FieldValue } from '@shared/target-inputs/fields';
import type { TargetInputRow } from '@shared/api/target-inputs';
import type { ChannelKind } from '@shared/model/channel';
import type { Round } from '@shared/model/round';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { isRoundTarget } from '../round-rules';
import { groupOf } from '../groups';
import { roundTallies } from '../tallies';
import { withoutVoids } from '../round-facts';
import { auditEntry } from '../review';
import { fieldsByTarget } from './read-inputs';
import type { FieldChange } from './port';

export interface AppliedChange {
  targetId: string;
  field: string;
  old: FieldValue | null;
  new: FieldValue | null;
}

/** A write lost to a concurrent one is re-read and retried this many times before answering 409. */
const RETRIES = 4;

/**
 * Sets per-target inputs field by field. Order matters:
 * 1. every row of the request is checked against the round's scheme and groups, and against the
 *    ballots counted so far (served ≥ returned): any refusal refuses the whole request, nothing
 *    is stored;
 * 2. the current fields are read and each `expected` compared: a field changed since the clerk
 *    read it answers INPUT_CONFLICT;
 * 3. each target's changes are written with their audit lines in one transaction, conditional on
 *    the values read in 2 (a write that lost a race is re-read from 2; with `expected` it is a 409).
 * A published round is locked: a change needs `correctionReason` and becomes public only when a
 * correction version is published (docs/publication.md).
 */
export async function setTargetInputs(deps: Deps, actor: string, roundId: string, rows: TargetInputRow[], correctionReason?: string): Promise<AppliedChange[]> {
  const round = await getRoundOrThrow(deps, roundId);
  if (round.status === 'published' && !correctionReason) throw new AppError('INPUTS_LOCKED', { roundId, message: '本轮评议结果已发布，修改录入数据须作为更正并说明理由，更正版本发布后才对外公开' });
  const parsed = Scheme.safeParse((await deps.schemes(round)));
  if (!parsed.success) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  await checkRows(deps, round, parsed.data, rows);
  const applied: AppliedChange[] = [];
  for (const row of mergeRows(rows)) applied.push(...(await applyRow(deps, actor, round, row, correctionReason)));
  return applied;
}

/** Rows naming the same target are one row (later cells win), so each target is one transaction. */
function mergeRows(rows: TargetInputRow[]): TargetInputRow[] {
  const by = new Map<string, TargetInputRow>();
  for (const r of rows) {
    const prev = by.get(r.targetId);
    by.set(r.targetId, prev ? { targetId: r.targetId, set: { ...prev.set, ...r.set }, expected: { ...prev.expected, ...r.expected } } : r);
  }
  return [...by.values()];
}

async function checkRows(deps: Deps, round: Round, scheme: Scheme, rows: TargetInputRow[]): Promise<void> {
  const ids = [...new Set(rows.map((r) => r.targetId))];
  const nodes = await deps.store.org.getNodes(ids);
  const outside = ids.filter((id) => !nodes.get(id) || !isRoundTarget(round, nodes.get(id)!));
  if (outside.length > 0) throw new AppError('TARGET_NOT_IN_ROUND', { targetIds: outside, message: `${outside.join('、')} 不在本次评议范围内` });
  const needsBallots = rows.some((r) => Object.keys(r.set).some((f) => f === 'served' || f.startsWith('channels.')));
  const counted = needsBallots ? await ballotsCounted(deps, round.id) : new Map<string, Partial<Record<ChannelKind, number>>>();
  const problems: FieldProblem[] = [];
  for (const row of rows) {
    const node = nodes.get(row.targetId)!;
    const target = { targetId: row.targetId, name: node.name, group: groupOf(round, node) ?? node.id };
    const ctx = { scheme, roundChannels: round.channels, target, ballots: counted.get(row.targetId) ?? {} };
    for (const [field, value] of Object.entries(row.set)) {
      const p = checkField(ctx, field, value);
      if (p) problems.push(p);
    }
  }
  if (problems.length > 0) throw new AppError(problems[0]!.code as ErrorCode, { problems: problems.slice(0, 200), message: problems[0]!.message });
}

/** Ballots counted per target and channel: the counters less voided ballots. */
async function ballotsCounted(deps: Deps, roundId: string): Promise<Map<string, Partial<Record<ChannelKind, number>>>> {
  const [tallies, voids] = await Promise.all([roundTallies(deps, roundId), deps.store.review.listVoids(roundId)]);
  return new Map(
    tallies.targets.map((t) => {
      const channels = withoutVoids(t.channels, voids.filter((v) => v.targetId === t.targetId));
      return [t.targetId, Object.fromEntries(Object.entries(channels).map(([ch, tally]) => [ch, tally?.ballots ?? 0]))];
    }),
  );
}

const same = (a: FieldValue | null | undefined, b: FieldValue | null | undefined) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

async function applyRow(deps: Deps, actor: string, round: Round, row: TargetInputRow, correctionReason: string | undefined): Promise<AppliedChange[]> {
  for (let attempt = 0; ; attempt++) {
    const current = fieldsByTarget((await deps.store.targetInputs.listFields(round.id)).filter((f) => f.targetId === row.targetId)).get(row.targetId) ?? {};
    for (const [field, expected] of Object.entries(row.expected ?? {})) {
      if (!same(current[field], expected)) throw conflict(row.targetId, field, expected, current[field]);
    }
    const at = deps.clock.now().toISOString();
    const changes: FieldChange[] = Object.entries(row.set)
      .filter(([field, value]) => !same(current[field], value))
      .map(([field, value]) => ({
        targetId: row.targetId,
        field,
        value,
        before: current[field],
        audit: auditEntry(deps, round.id, actor, correctionReason ? 'correct_target_input' : 'set_target_input', correctionReason ?? '录入', {
          targetId: row.targetId,
          field,
          old: current[field] ?? null,
          new: value,
        }),
      }));
    if (await deps.store.targetInputs.applyChanges(round.id, changes, at, actor)) return changes.map((c) => ({ targetId: c.targetId, field: c.field, old: c.before ?? null, new: c.value }));
    const firstExpected = Object.keys(row.expected ?? {})[0];
    if (firstExpected !== undefined || attempt >= RETRIES) {
      const field = firstExpected ?? changes[0]!.field;
      throw conflict(row.targetId, field, row.expected?.[field] ?? current[field] ?? null, undefined);
    }
  }
}

function conflict(targetId: string, field: string, expected: FieldValue | null | undefined, current: FieldValue | undefined): AppError {
  return new AppError('INPUT_CONFLICT', {
    targetId,
    field,
    expected: expected ?? null,
    ...(current !== undefined ? { current } : {}),
    message: `${targetId} 的 ${field} 已被他人修改（现为 ${current === undefined ? '空' : canonicalJson(current)}），请刷新后再改`,
  });
}
