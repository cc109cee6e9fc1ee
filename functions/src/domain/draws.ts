import { AppError } from '@shared/errors';
import { apportion, canonicalPool, combineSeed, poolHash, runDraw, tooSmallStrata, type DrawRecord, type PoolEntry } from '@shared/draw';
import type { CreateDrawRequest, DrawSummary, RevealDrawRequest } from '@shared/api/panels';
import type { OrgNode } from '@shared/model/org';
import type { Representative } from '@shared/model/representative';
import type { Round } from '@shared/model/round';
import type { StoredDraw } from '../ports';
import type { Deps } from './deps';
import { getRoundOrThrow } from './rounds-admin';
import { isRoundTarget } from './round-rules';

/**
 * Step 1 (commit): the pool is the library after exclusions, in canonical order; the quotas
 * follow from the weights; a stratum too small fails here, before any randomness exists and
 * before anything is stored. The record, its pool hash and the parties' commitments are then
 * stored and logged; they are public from this moment.
 */
export async function createDraw(deps: Deps, roundId: string, req: CreateDrawRequest, by: string): Promise<DrawSummary> {
  const round = await getRoundOrThrow(deps, roundId);
  if (new Set(req.strata.map((s) => s.id)).size !== req.strata.length) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'strata', message: 'stratum ids must be distinct' }] });
  if (req.strata.every((s) => s.weight === 0)) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'strata', message: 'weights must not all be 0' }] });
  if (new Set(req.commitments.map((c) => c.party)).size !== req.commitments.length) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'commitments', message: 'one commitment per party' }] });
  const [library, nodes] = await Promise.all([deps.store.representatives.listRepresentatives(), deps.store.org.listNodes()]);
  const pool = eligiblePool(library, round, nodes, req);
  const quotas = apportion(req.strata, req.n);
  const short = tooSmallStrata(pool, quotas, req.onePerHousehold);
  if (short.length > 0) throw new AppError('STRATUM_TOO_SMALL', { strata: short, poolSize: pool.length });
  const record: DrawRecord = {
    format: 'qunzhong-pingyi/draw@1',
    drawId: req.id,
    roundId,
    label: req.label,
    n: req.n,
    strata: req.strata,
    quotas,
    onePerHousehold: req.onePerHousehold,
    pool,
    poolHash: poolHash(pool),
    commitments: req.commitments,
    committedAt: deps.clock.now().toISOString(),
    status: 'committed',
  };
  await deps.store.draws.createDraw(record, by);
  return summary({ ...withoutPool(record), poolSize: pool.length, createdBy: by });
}

/**
 * Who may be drawn: members of the listed strata (and area, when given), minus anyone working
 * for a rated target or for a node above or below one (a 局 employee may not rate its 科室),
 * minus — by default — everyone sharing a household with such a person.
 */
export function eligiblePool(library: Representative[], round: Round, nodes: OrgNode[], req: Pick<CreateDrawRequest, 'strata' | 'area' | 'excludeHouseholdsOfStaff'>): PoolEntry[] {
  const targets = nodes.filter((n) => isRoundTarget(round, n));
  const conflicted = new Set<string>();
  for (const t of targets) for (const id of t.path) conflicted.add(id);
  for (const n of nodes) if (targets.some((t) => n.path.includes(t.id))) conflicted.add(n.id);
  const staff = library.filter((r) => r.worksFor && conflicted.has(r.worksFor));
  const staffHouseholds = new Set(req.excludeHouseholdsOfStaff ? staff.flatMap((r) => (r.household ? [r.household] : [])) : []);
  const strata = new Set(req.strata.map((s) => s.id));
  const eligible = library.filter(
    (r) => strata.has(r.category) && (!req.area || r.area === req.area) && !(r.worksFor && conflicted.has(r.worksFor)) && !(r.household && staffHouseholds.has(r.household)),
  );
  return canonicalPool(eligible.map((r) => ({ id: r.id, stratum: r.category, ...(r.household ? { household: r.household } : {}) })));
}

/**
 * Step 2 (reveal): each party's value must match its commitment; the seed is their combined
 * hash and the draw runs exactly once (the store refuses a second run). A shortfall (possible
 * only when households span strata) is stored and logged as a `failed` draw, never hidden.
 */
export async function revealDraw(deps: Deps, drawId: string, req: RevealDrawRequest, by: string): Promise<DrawSummary> {
  const record = await deps.store.draws.getDrawRecord(drawId);
  if (!record) throw new AppError('DRAW_NOT_FOUND', { drawId });
  if (record.status !== 'committed') throw new AppError('DRAW_STATE_CONFLICT', { drawId, status: record.status });
  const { seed, problems } = combineSeed(record.commitments, req.reveals);
  if (!seed) throw new AppError('REVEAL_MISMATCH', { problems });
  const { selection, shortfall } = runDraw(record.pool, record.strata, record.quotas, seed, record.onePerHousehold);
  const outcome = { status: shortfall.length > 0 ? ('failed' as const) : ('drawn' as const), reveals: req.reveals, seed, selection, shortfall, drawnAt: deps.clock.now().toISOString() };
  await deps.store.draws.completeDraw(drawId, outcome, by);
  const stored = (await deps.store.draws.getDraw(drawId))!;
  return summary(stored);
}

export async function getDrawOrThrow(deps: Deps, drawId: string): Promise<StoredDraw> {
  const draw = await deps.store.draws.getDraw(drawId);
  if (!draw) throw new AppError('DRAW_NOT_FOUND', { drawId });
  return draw;
}

/** The members a completed draw selected, in draw order per stratum. */
export function drawnMembers(draw: StoredDraw): string[] {
  if (draw.status !== 'drawn' || !draw.selection) throw new AppError('DRAW_STATE_CONFLICT', { drawId: draw.drawId, status: draw.status });
  return draw.selection.flatMap((s) => s.ids);
}

export function summary(d: StoredDraw): DrawSummary {
  return {
    drawId: d.drawId,
    roundId: d.roundId,
    label: d.label,
    status: d.status,
    n: d.n,
    quotas: d.quotas,
    poolSize: d.poolSize,
    poolHash: d.poolHash,
    commitments: d.commitments,
    committedAt: d.committedAt,
    ...(d.seed ? { seed: d.seed } : {}),
    ...(d.selection ? { selection: d.selection } : {}),
    ...(d.shortfall ? { shortfall: d.shortfall } : {}),
    ...(d.drawnAt ? { drawnAt: d.drawnAt } : {}),
    ...(d.invitedAt ? { invitedAt: d.invitedAt } : {}),
  };
}

function withoutPool(r: DrawRecord): Omit<DrawRecord, 'pool'> {
  const { pool: _p, ...rest } = r;
  return rest;
}
