import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { QrState, Store, StoredInvitation } from '../../ports';
import type { BallotFence } from './port';

/**
 * What a ballot's checks read — the round, the rounds a window sits in, org nodes, a window's
 * QR state, an invitation — either from the store or from this container's memory.
 *
 * Why memory is safe here (docs/architecture.md, "One round trip"):
 *  - nothing read from memory can let a ballot in that the store would refuse: what can change
 *    (the round's status and link version, the QR's version and revocation, the invitation's
 *    revocation and expiry) is asserted again inside the ballot's own transaction (BallotFence);
 *    a stale entry fails the transaction (`fenced`), is dropped, and the ballot is checked
 *    again against fresh reads;
 *  - nothing read from memory can refuse a ballot the store would take: a refusal built on a
 *    remembered answer is checked again with fresh reads before it is returned (pipeline.ts);
 *  - org nodes are never changed once created, and a round's dates, channels, targets and scheme
 *    are fixed at creation, so what is not fenced cannot go stale;
 *  - "not found" is never remembered.
 * What memory can do: keep a window ballot in the one round it knew for up to ROUNDS_TTL_MS after
 * another container opens a second round covering the same window (the ballot would then have
 * been ROUND_AMBIGUOUS); and cost one wasted transaction after a change made elsewhere.
 */
export interface StandingReader {
  round(id: string): Promise<Round | undefined>;
  /** Every round (the window channel picks the one accepting round covering the window). */
  rounds(): Promise<Round[]>;
  node(id: string): Promise<OrgNode | undefined>;
  qr(windowId: string): Promise<QrState | undefined>;
  invitation(id: string): Promise<StoredInvitation | undefined>;
  /** Whether any answer so far came from memory: a refusal built on it is checked again. */
  readonly remembered: boolean;
}

/**
 * What the fence asserts at commit can be remembered long: a stale entry costs one cancelled
 * transaction, never a wrong answer. Long matters: a window sees a ballot every few minutes, so
 * a short TTL would make nearly every window ballot a miss (bench: 1.8 GetItems a window ballot
 * at 60 s when its repeats were minutes apart).
 */
const ROUND_TTL_MS = 600_000;
/** The round list is not fenced as a whole (a new round is a new item): kept short. */
export const ROUNDS_TTL_MS = 5_000;
/** Org nodes never change once created. */
const NODE_TTL_MS = 1_800_000;
const QR_TTL_MS = 600_000;
const INVITATION_TTL_MS = 600_000;
/** Per kind; the oldest entry goes first when full. */
const MAX_ENTRIES = 20_000;

/**
 * How long a load still in flight is shared with callers asking meanwhile (a cold container's
 * first burst asks once, not sixteen times). Past it a caller loads on its own: a call to a
 * store that died mid-answer can hang, and a hung load must not hold every ballot behind it.
 */
const SHARE_PENDING_MS = 1_000;

interface Entry<T> {
  /** When the load started, then when it answered (the age a TTL counts from). */
  at: number;
  settled: boolean;
  value: Promise<T>;
}

class Shelf<T> {
  private readonly entries = new Map<string, Entry<T | undefined>>();
  constructor(private readonly ttlMs: number) {}

  /** A remembered answer (and that it was one), or the store's, shared by every caller asking meanwhile. */
  get(key: string, load: () => Promise<T | undefined>): { value: Promise<T | undefined>; remembered: boolean } {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit?.settled && now - hit.at < this.ttlMs) return { value: hit.value, remembered: true };
    if (hit && !hit.settled && now - hit.at < SHARE_PENDING_MS) return { value: hit.value, remembered: false };
    const entry: Entry<T | undefined> = { at: now, settled: false, value: load() };
    if (!hit && this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    // Neither a failure nor "not found" is remembered.
    entry.value.then(
      (v) => {
        if (this.entries.get(key) !== entry) return;
        if (v === undefined) this.entries.delete(key);
        else Object.assign(entry, { at: Date.now(), settled: true });
      },
      () => (this.entries.get(key) === entry ? this.entries.delete(key) : undefined),
    );
    return { value: entry.value, remembered: false };
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

/** One container's memory of the store, per store (each test stack and each Lambda container has its own). */
class StandingCache {
  readonly rounds = new Shelf<Round>(ROUND_TTL_MS);
  readonly roundList = new Shelf<Round[]>(ROUNDS_TTL_MS);
  readonly nodes = new Shelf<OrgNode>(NODE_TTL_MS);
  readonly qrs = new Shelf<QrState>(QR_TTL_MS);
  readonly invitations = new Shelf<StoredInvitation>(INVITATION_TTL_MS);
}

const caches = new WeakMap<Store, StandingCache>();

function cacheOf(store: Store): StandingCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new StandingCache()));
  return cache;
}

/** The store itself, read fresh (consistent reads). */
export function freshStanding(store: Store): StandingReader {
  return {
    round: (id) => store.rounds.getRound(id),
    rounds: () => store.rounds.listRounds(),
    node: (id) => store.org.getNode(id),
    qr: (windowId) => store.org.getQrState(windowId),
    invitation: (id) => store.invitations.getInvitation(id),
    remembered: false,
  };
}

/** Memory in front of the store, for one request: it records whether any answer was remembered. */
export function rememberedStanding(store: Store): StandingReader {
  const cache = cacheOf(store);
  const reader = {
    remembered: false,
    round: (id: string) => take(cache.rounds.get(id, () => store.rounds.getRound(id))),
    rounds: async () => (await take(cache.roundList.get('all', () => store.rounds.listRounds()))) ?? [],
    node: (id: string) => take(cache.nodes.get(id, () => store.org.getNode(id))),
    qr: (windowId: string) => take(cache.qrs.get(windowId, () => store.org.getQrState(windowId))),
    invitation: (id: string) => take(cache.invitations.get(id, () => store.invitations.getInvitation(id))),
  };
  function take<T>(r: { value: Promise<T>; remembered: boolean }): Promise<T> {
    if (r.remembered) reader.remembered = true;
    return r.value;
  }
  return reader;
}

/** After a fenced transaction: drop what the fence found changed (and the round list that named the round). */
export function forgetFenced(store: Store, fence: BallotFence | undefined, invitationId: string | undefined): void {
  const cache = cacheOf(store);
  if (fence) {
    cache.rounds.forget(fence.round.id);
    cache.roundList.forget('all');
    if (fence.qr) cache.qrs.forget(fence.qr.windowId);
  }
  if (invitationId) cache.invitations.forget(invitationId);
}
