import type { SubmitBallotRequest } from '@shared/api/ballots';
import { postBallot } from '../api/citizen';
import { ApiError, userMessage } from '../api/errors';
import { STORAGE_KEYS, readJson, writeJson } from './storage';
import { saveReceipt } from './receipts';

/**
 * The offline queue. A ballot is written here BEFORE the first POST and removed only when the
 * server has answered with a receipt or a final refusal, so it is never lost. Every retry
 * reuses the same clientBallotId; the server maps that id to the first receipt, so a retry
 * after a lost response is replayed, never counted twice.
 *
 *   tap 提交 ─► save to outbox ─► POST ─┬─ 2xx ───────────► receipt saved, removed
 *                                       ├─ 4xx (final) ───► rejection saved, removed
 *                                       └─ no answer/5xx ─► stays; retried on reconnect,
 *                                                           app show and every 15 s
 */
export type PendingBallot = {
  request: SubmitBallotRequest;
  /** Shown in 我的评价 while it waits, and kept in the rejection if it is refused. */
  targetName: string;
  roundName: string;
  queuedAt: string;
  attempts: number;
  lastError?: string;
};

export type SendOutcome =
  | { state: 'counted'; receiptId: string; replayed: boolean }
  | { state: 'pending'; message: string }
  | { state: 'rejected'; code: string; message: string };

export function listPending(): PendingBallot[] {
  return readJson<PendingBallot[]>(STORAGE_KEYS.outbox, []);
}

function writePending(list: PendingBallot[]): void {
  writeJson(STORAGE_KEYS.outbox, list);
}

function update(id: string, change: (p: PendingBallot) => PendingBallot | null): void {
  // Re-read right before writing: another send may have finished meanwhile.
  const next: PendingBallot[] = [];
  for (const p of listPending()) {
    if (p.request.clientBallotId !== id) next.push(p);
    else {
      const changed = change(p);
      if (changed) next.push(changed);
    }
  }
  writePending(next);
}

export function enqueue(ballot: Omit<PendingBallot, 'queuedAt' | 'attempts'>): void {
  const list = listPending().filter((p) => p.request.clientBallotId !== ballot.request.clientBallotId);
  writePending([...list, { ...ballot, queuedAt: new Date().toISOString(), attempts: 0 }]);
}

// One request per ballot at a time: two overlapping sends would be harmless (same id), but
// they would double the load on a network that is already struggling.
const inFlight = new Map<string, Promise<SendOutcome>>();

/** Sends one queued ballot and settles the queue entry according to the answer. */
export function send(clientBallotId: string): Promise<SendOutcome> {
  const running = inFlight.get(clientBallotId);
  if (running) return running;
  const task = attempt(clientBallotId).finally(() => inFlight.delete(clientBallotId));
  inFlight.set(clientBallotId, task);
  return task;
}

async function attempt(clientBallotId: string): Promise<SendOutcome> {
  const pending = listPending().find((p) => p.request.clientBallotId === clientBallotId);
  if (!pending) return { state: 'pending', message: '' };
  try {
    const { receipt, replayed } = await postBallot(pending.request);
    saveReceipt({ state: 'counted', clientBallotId, receipt, replayed, savedAt: new Date().toISOString() });
    update(clientBallotId, () => null);
    return { state: 'counted', receiptId: receipt.receiptId, replayed };
  } catch (e) {
    const message = userMessage(e);
    if (e instanceof ApiError && !e.retryable) {
      saveReceipt({
        state: 'rejected',
        clientBallotId,
        targetName: pending.targetName,
        roundName: pending.roundName,
        message,
        savedAt: new Date().toISOString(),
      });
      update(clientBallotId, () => null);
      return { state: 'rejected', code: e.code, message };
    }
    update(clientBallotId, (p) => ({ ...p, attempts: p.attempts + 1, lastError: message }));
    return { state: 'pending', message };
  }
}

/** Retries every waiting ballot, oldest first; returns how many are still waiting. */
export async function flush(): Promise<number> {
  for (const p of listPending()) await send(p.request.clientBallotId);
  return listPending().length;
}
