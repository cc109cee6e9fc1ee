import { createHash } from 'node:crypto';
import type { RoundResult } from '@shared/scoring';
import type { Store } from '../../ports';
import type { RoundSources } from '../round-facts';

/**
 * A container's memory of the results it scored (domain/results.ts), each with what it was
 * scored from. Used only while every source still reads the same:
 *
 *   read sources S (tallies and node lists remembered by version, the rest read) ──► score ──► remember (S, result)
 *   later: read sources S' ──► S' = S ? the remembered result : score again (and remember)
 *
 * S' = S means: the very same tally array and node lists (the tally memory hands back the same
 * frozen array exactly while the round's tally versions and node counts stand still:
 * tallies.ts, tally-cache/cache.ts), and the same digest of everything else the engine is given
 * — the round item itself (its pinned scheme version, period, targets, status), the scheme it
 * pins, entered inputs, voids, misconduct records, forms issued, the ledger's deductions as of
 * today, the published history and the programme's year. The engine is pure, so the same
 * sources make the same result: the remembered one is what a computation from scratch gives.
 * What is remembered is the office's whole result; who may see which part of it is decided
 * after, on every read (disclosure/staff-views.ts, scope.ts), exactly as for a fresh one.
 */
interface Remembered {
  tallies: RoundSources['tallies']['targets'];
  nodes: RoundSources['nodes'];
  categories: RoundSources['categories'];
  digest: string;
  /** Deep-frozen: callers share it and must copy before changing anything. */
  result: RoundResult;
}

/** Rounds remembered per store (a result of 1,000 targets is a few MB); the least recently used goes first. */
const MAX_ROUNDS = 8;

const memories = new WeakMap<Store, Map<string, Remembered>>();

function memoryOf(store: Store): Map<string, Remembered> {
  let m = memories.get(store);
  if (!m) memories.set(store, (m = new Map()));
  return m;
}

/** Everything but the tallies and node lists (which are compared by identity), as one digest. */
export function sourcesDigest(s: RoundSources): string {
  const rest = [s.round, s.scheme, s.entered, s.voids, s.misconduct, [...s.forms], [...s.ledger], s.history, s.period, s.yearStartMonth];
  return createHash('sha256').update(JSON.stringify(rest)).digest('base64url');
}

/** Whether the sources can be remembered at all: only when the tallies and node lists are the memories' own. */
export const rememberable = (s: RoundSources) => s.tallies.remembered && s.nodesRemembered;

export function recallResult(store: Store, s: RoundSources, digest: string): RoundResult | undefined {
  const m = memoryOf(store);
  const hit = m.get(s.round.id);
  if (!hit || hit.tallies !== s.tallies.targets || hit.nodes !== s.nodes || hit.categories !== s.categories || hit.digest !== digest) return undefined;
  m.delete(s.round.id);
  m.set(s.round.id, hit);
  return hit.result;
}

export function rememberResult(store: Store, s: RoundSources, digest: string, result: RoundResult): RoundResult {
  const m = memoryOf(store);
  const frozen = deepFreeze(result);
  m.delete(s.round.id);
  m.set(s.round.id, { tallies: s.tallies.targets, nodes: s.nodes, categories: s.categories, digest, result: frozen });
  while (m.size > MAX_ROUNDS) m.delete(m.keys().next().value!);
  return frozen;
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
