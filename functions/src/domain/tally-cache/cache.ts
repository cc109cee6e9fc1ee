import type { ChannelTally, TargetTally } from '@shared/api/results';
import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { Store } from '../../ports';
import type { TallyCounter, TallyVersions } from './port';

/**
 * A container's memory of the tallies it computed (domain/tallies.ts), each with the versions it
 * was computed from (port.ts). Used only while every version still reads the same:
 *
 *   read versions V (consistent) ──► read counters and nodes (consistent) ──► remember (V, tallies)
 *   later: read versions V' ──► V' = V ? the remembered tallies : compute again
 *
 * The counters read after V hold at least V's ballots; V' = V says no ballot was counted since
 * V was read (the versions only grow, and each is added to in the very transaction that adds to
 * its shard's counters), so they held exactly V's ballots — the remembered answer is the store's.
 * Nodes are never changed or deleted: a kind's node count names its set, and a list is kept only
 * when its length is the count read before it (an index still catching up is not remembered).
 * Voids, entered facts and the disclosure policy are applied after, on every read, as before.
 */
export interface Remembered {
  /** What in the round the target list depends on. */
  roundKey: string;
  stripes: readonly number[];
  nodeCount: number | undefined;
  /** Deep-frozen: callers share it and must copy before changing anything. */
  targets: readonly TargetTally[];
}

/** Rounds remembered per store; the least recently used goes first. */
const MAX_ROUNDS = 16;

interface Memory {
  tallies: Map<string, Remembered>;
  nodes: Map<string, { count: number; nodes: readonly OrgNode[] }>;
}

const memories = new WeakMap<Store, Memory>();

function memoryOf(store: Store): Memory {
  let m = memories.get(store);
  if (!m) memories.set(store, (m = { tallies: new Map(), nodes: new Map() }));
  return m;
}

export const roundKeyOf = (round: Round) => JSON.stringify([round.targetKind, round.targetIds ?? null, round.tallyShards]);

export function sameVersions(r: Remembered, roundKey: string, stripes: readonly number[], nodeCount: number | undefined): boolean {
  return r.roundKey === roundKey && r.nodeCount === nodeCount && r.stripes.length === stripes.length && r.stripes.every((v, i) => v === stripes[i]);
}

export function recall(store: Store, roundId: string): Remembered | undefined {
  const m = memoryOf(store).tallies;
  const hit = m.get(roundId);
  if (hit) {
    m.delete(roundId);
    m.set(roundId, hit);
  }
  return hit;
}

export function remember(store: Store, roundId: string, r: Remembered): void {
  const m = memoryOf(store).tallies;
  m.delete(roundId);
  m.set(roundId, { ...r, targets: deepFreeze(r.targets) });
  while (m.size > MAX_ROUNDS) m.delete(m.keys().next().value!);
}

/**
 * The counters counted since `r` was remembered, when the versions can name them all: every
 * stripe that moved moved by exactly one, so its `last` is the one ballot it took since.
 * Undefined when any stripe moved by more (or names nothing): then only a full read will do.
 *
 *   remembered (V, T) ──► read versions V' ──► each stripe s: V'[s] = V[s] + 1 ──► read again the
 *   counters last[s] names (consistent) ──► T' = T with those counters ──► remember (V', T')
 *
 * Why T' is the store's: every ballot counted after V was read moved a stripe past V before V'
 * was read (its stripe is added to in its own transaction), so the counters no ballot since V
 * touched hold what T holds, and the ones named are read after V' — at least V''s ballots;
 * any ballot they hold beyond V' moved a stripe past V', so a later V'' = V' cannot hide it.
 */
export function countersSince(r: Remembered, v: TallyVersions): TallyCounter[] | undefined {
  if (r.stripes.length !== v.stripes.length) return undefined;
  const named = new Map<string, TallyCounter>();
  for (let s = 0; s < v.stripes.length; s++) {
    const moved = v.stripes[s]! - r.stripes[s]!;
    if (moved === 0) continue;
    const last = v.lasts[s];
    if (moved !== 1 || !last) return undefined;
    named.set(`${last.targetId}#${last.channel}`, last);
  }
  return [...named.values()];
}

/** `targets` with the named counters replaced by their sums read again; undefined when one names a target not listed. */
export function withCounters(targets: readonly TargetTally[], counters: TallyCounter[], sums: Map<string, Partial<Record<ChannelKind, ChannelTally>>>): TargetTally[] | undefined {
  const at = new Map(targets.map((t, i) => [t.targetId, i]));
  const out = [...targets];
  for (const c of counters) {
    const i = at.get(c.targetId);
    if (i === undefined) return undefined;
    const t = out[i]!;
    const { [c.channel]: _old, ...others } = t.channels;
    const sum = sums.get(c.targetId)?.[c.channel];
    out[i] = { ...t, channels: sum ? { ...others, [c.channel]: sum } : others };
  }
  return out;
}

/**
 * The nodes of a kind: remembered while `count` (the org version's count of that kind) still
 * names them. `complete`: the list is exactly the counted nodes, so what is built on it may be
 * remembered too (false for trees imported before the count existed, or an index catching up).
 */
export async function nodesOfKind(store: Store, kind: OrgNode['kind'], count: number | undefined): Promise<{ nodes: readonly OrgNode[]; complete: boolean }> {
  const m = memoryOf(store).nodes;
  const hit = m.get(kind);
  if (hit && count !== undefined && hit.count === count) return { nodes: hit.nodes, complete: true };
  const nodes = await store.org.listNodesOfKind(kind);
  const complete = count !== undefined && nodes.length === count;
  if (complete) m.set(kind, { count, nodes: deepFreeze(nodes) });
  return { nodes, complete };
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
