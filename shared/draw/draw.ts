import { z } from 'zod';
import { apportion } from './apportion';
import { drawStream } from './prng';
import { Sha256, sha256Hex } from './sha256';

/**
 * The verifiable draw (抽选评议代表). Order of events, each one published before the next:
 *
 *   1. commit: the pool (eligible representatives after exclusions, canonical order), its hash,
 *      the quotas and each party's commitment sha256(value) are fixed and logged;
 *   2. reveal: each party discloses its value; every value must match its commitment;
 *   3. seed = sha256 of the revealed values (in the commitments' order), and the draw runs.
 *
 * Nobody can choose the seed alone (each party only knows its own value before the reveal),
 * and nobody can change the pool or quotas after seeing it. `verifyDraw` re-runs all of it.
 */
export const PoolEntry = z.object({
  id: z.string().min(1).max(40),
  stratum: z.string().min(1).max(32),
  /** Opaque household code: at most one member of a household is drawn. */
  household: z.string().min(1).max(40).optional(),
});
export type PoolEntry = z.infer<typeof PoolEntry>;

export const Stratum = z.object({ id: z.string().regex(/^[a-z0-9_]{1,32}$/), label: z.string().max(40).optional(), weight: z.number().int().min(0).max(1_000_000) });
export type Stratum = z.infer<typeof Stratum>;

export const Commitment = z.object({ party: z.string().min(1).max(40), commitment: z.string().regex(/^[0-9a-f]{64}$/) });
export const Reveal = z.object({ party: z.string().min(1).max(40), value: z.string().min(1).max(200) });
export type Commitment = z.infer<typeof Commitment>;
export type Reveal = z.infer<typeof Reveal>;

export const DrawSelection = z.array(z.object({ stratum: z.string(), ids: z.array(z.string()) }));
export type DrawSelection = z.infer<typeof DrawSelection>;

export const DrawRecord = z.object({
  format: z.literal('qunzhong-pingyi/draw@1'),
  drawId: z.string(),
  roundId: z.string(),
  label: z.string(),
  n: z.number().int().min(1),
  strata: z.array(Stratum).min(1),
  quotas: z.record(z.string(), z.number().int().min(0)),
  onePerHousehold: z.boolean(),
  pool: z.array(PoolEntry),
  poolHash: z.string(),
  commitments: z.array(Commitment).min(1),
  committedAt: z.string(),
  status: z.enum(['committed', 'drawn', 'failed']),
  reveals: z.array(Reveal).optional(),
  seed: z.string().optional(),
  selection: DrawSelection.optional(),
  shortfall: z.array(z.object({ stratum: z.string(), needed: z.number(), drawn: z.number() })).optional(),
  drawnAt: z.string().optional(),
});
export type DrawRecord = z.infer<typeof DrawRecord>;

/** Sorted by id in UTF-16 code-unit order (what `<` does everywhere), so the order is the same on every machine. */
export function canonicalPool(entries: readonly PoolEntry[]): PoolEntry[] {
  // Sorting the bare ids uses the engine's native string order (UTF-16 code units), much faster
  // than a comparator over objects on a 100,000-member library.
  const byId = new Map<string, PoolEntry>();
  for (const e of entries) {
    if (byId.has(e.id)) throw new RangeError(`pool lists ${e.id} twice`);
    byId.set(e.id, e.household ? { id: e.id, stratum: e.stratum, household: e.household } : { id: e.id, stratum: e.stratum });
  }
  const pool = [...byId.keys()].sort().map((id) => byId.get(id)!);
  return pool;
}

/**
 * SHA-256 over one line per entry, `id<TAB>stratum<TAB>household<LF>`, in canonical order.
 * @example poolHash(canonicalPool([{ id: 'R001', stratum: 'public' }]))
 */
export function poolHash(pool: readonly PoolEntry[]): string {
  const hash = new Sha256();
  for (const e of pool) hash.update(`${e.id}\t${e.stratum}\t${e.household ?? ''}\n`);
  return hash.hex();
}

/**
 * What a party publishes before the draw: sha256 of its secret value.
 * @example commitmentOf('纪委-7f3a9c') // 64 hex characters
 */
export function commitmentOf(value: string): string {
  return sha256Hex(value);
}

/**
 * The seed from the revealed values, or the parties whose value does not match. The values
 * are combined in the commitments' order: sha256("party=value\n" …).
 * @example combineSeed([{ party: 'A', commitment: commitmentOf('x') }], [{ party: 'A', value: 'x' }]).seed
 */
export function combineSeed(commitments: readonly Commitment[], reveals: readonly Reveal[]): { seed?: string; problems: string[] } {
  const problems: string[] = [];
  const byParty = new Map(reveals.map((r) => [r.party, r.value]));
  if (byParty.size !== reveals.length) problems.push('a party revealed twice');
  for (const r of reveals) if (!commitments.some((c) => c.party === r.party)) problems.push(`${r.party}: no commitment from this party`);
  for (const c of commitments) {
    const value = byParty.get(c.party);
    if (value === undefined) problems.push(`${c.party}: no value revealed`);
    else if (commitmentOf(value) !== c.commitment) problems.push(`${c.party}: the revealed value does not match the commitment`);
  }
  if (problems.length > 0) return { problems };
  return { seed: sha256Hex(commitments.map((c) => `${c.party}=${byParty.get(c.party)}\n`).join('')), problems };
}

/** Strata whose eligible pool cannot fill the quota (members, and distinct households when one per household). */
export function tooSmallStrata(pool: readonly PoolEntry[], quotas: Record<string, number>, onePerHousehold: boolean) {
  const out: Array<{ stratum: string; needed: number; available: number }> = [];
  for (const [stratum, needed] of Object.entries(quotas)) {
    const members = pool.filter((e) => e.stratum === stratum);
    const available = onePerHousehold ? new Set(members.map((e) => e.household ?? `#${e.id}`)).size : members.length;
    if (available < needed) out.push({ stratum, needed, available });
  }
  return out;
}

/**
 * Runs the draw. Per stratum, in the listed order: the stratum's members in canonical order, a
 * Fisher–Yates shuffle driven by drawStream(seed, stratum) stopped as soon as the quota is
 * filled; position i takes a uniform pick from positions i…end. With `onePerHousehold`, a
 * pick whose household already has a member drawn (in any stratum) is passed over. The ids
 * come out in the order drawn (later ones can serve as reserves in a redraw record).
 * @example runDraw(pool, strata, quotas, seed, true).selection[0].ids
 */
export function runDraw(pool: readonly PoolEntry[], strata: readonly Stratum[], quotas: Record<string, number>, seed: string, onePerHousehold: boolean) {
  const households = new Set<string>();
  const selection: DrawSelection = [];
  const shortfall: Array<{ stratum: string; needed: number; drawn: number }> = [];
  for (const s of strata) {
    const needed = quotas[s.id] ?? 0;
    const members = pool.filter((e) => e.stratum === s.id);
    const stream = drawStream(seed, s.id);
    const ids: string[] = [];
    for (let i = 0; i < members.length && ids.length < needed; i++) {
      const j = i + stream.below(members.length - i);
      const picked = members[j]!;
      members[j] = members[i]!;
      members[i] = picked;
      const household = picked.household ?? `#${picked.id}`;
      if (onePerHousehold && households.has(household)) continue;
      households.add(household);
      ids.push(picked.id);
    }
    if (ids.length < needed) shortfall.push({ stratum: s.id, needed, drawn: ids.length });
    selection.push({ stratum: s.id, ids });
  }
  return { selection, shortfall };
}

/**
 * Re-checks a draw record from its own contents: pool hash, quotas, commitments and reveals,
 * seed, and the selection, bit for bit. An empty list means the published result is exactly
 * what the published inputs produce.
 * @example verifyDraw(record).problems // []
 */
export function verifyDraw(record: DrawRecord): { problems: string[]; seed?: string } {
  const problems: string[] = [];
  let pool: PoolEntry[] = [];
  try {
    pool = canonicalPool(record.pool);
  } catch (e) {
    problems.push(`pool: ${(e as Error).message}`);
  }
  if (JSON.stringify(pool) !== JSON.stringify(record.pool)) problems.push('pool: not in canonical order');
  if (poolHash(pool) !== record.poolHash) problems.push(`poolHash: the pool hashes to ${poolHash(pool)}, the record says ${record.poolHash}`);
  const quotas = apportion(record.strata, record.n);
  if (JSON.stringify(quotas) !== JSON.stringify(record.quotas)) problems.push(`quotas: the weights give ${JSON.stringify(quotas)}, the record says ${JSON.stringify(record.quotas)}`);
  if (record.status === 'committed') return { problems };
  const { seed, problems: seedProblems } = combineSeed(record.commitments, record.reveals ?? []);
  problems.push(...seedProblems.map((p) => `reveals: ${p}`));
  if (!seed) return { problems };
  if (seed !== record.seed) problems.push(`seed: the reveals give ${seed}, the record says ${record.seed}`);
  const rerun = runDraw(pool, record.strata, quotas, seed, record.onePerHousehold);
  if (JSON.stringify(rerun.selection) !== JSON.stringify(record.selection)) problems.push('selection: re-running the draw gives a different result');
  if (JSON.stringify(rerun.shortfall) !== JSON.stringify(record.shortfall ?? [])) problems.push('shortfall: re-running the draw gives a different shortfall');
  return { problems, seed };
}
