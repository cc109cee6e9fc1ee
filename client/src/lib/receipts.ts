import type { Receipt } from '@shared/model/ballot';
import { STORAGE_KEYS, readJson, writeJson } from './storage';

/**
 * 我的评价: what this device has rated. A receipt is stored once the server answered; a
 * rejection (already rated, round closed …) is stored too so a ballot that waited offline and
 * was then refused does not silently vanish.
 */
export type ReceiptEntry =
  | { state: 'counted'; clientBallotId: string; receipt: Receipt; replayed: boolean; savedAt: string }
  | { state: 'rejected'; clientBallotId: string; targetName: string; roundName: string; message: string; savedAt: string };

const MAX_KEPT = 200;

export function listReceipts(): ReceiptEntry[] {
  return readJson<ReceiptEntry[]>(STORAGE_KEYS.receipts, []);
}

export function findReceipt(clientBallotId: string): ReceiptEntry | undefined {
  return listReceipts().find((r) => r.clientBallotId === clientBallotId);
}

/** Newest first; one entry per clientBallotId (a replayed answer replaces, never duplicates). */
export function saveReceipt(entry: ReceiptEntry): void {
  const rest = listReceipts().filter((r) => r.clientBallotId !== entry.clientBallotId);
  writeJson(STORAGE_KEYS.receipts, [entry, ...rest].slice(0, MAX_KEPT));
}
