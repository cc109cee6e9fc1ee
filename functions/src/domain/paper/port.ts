import type { Answers } from '@shared/model/form';
import type { ChannelKind } from '@shared/model/channel';
import type { PaperKind } from '@shared/paper/kinds';
import type { AuditEntry } from '../../ports';

/** One printed serial: issued once, to one round and one target, never reissued. */
export interface IssuedSerial {
  serial: string;
  roundId: string;
  targetId: string;
  kind: PaperKind;
  channel: ChannelKind;
  batchId: string;
  issuedAt: string;
}

/** A batch of serials issued to one target (forms issued: the return rate's denominator). */
export interface IssuedBatch {
  batchId: string;
  roundId: string;
  targetId: string;
  kind: PaperKind;
  channel: ChannelKind;
  serials: string[];
  issuedAt: string;
  issuedBy: string;
}

/** What one clerk keyed from one form. */
export interface Keying {
  clerk: string;
  answers: Answers;
  comment?: string;
  /** The envelope's postmark (邮戳日期), YYYY-MM-DD. */
  postmarkedOn?: string;
  /** The day a dated sheet (monitor, inspection, hearing, visit) was filled in, YYYY-MM-DD. */
  filledOn?: string;
  at: string;
}

/**
 * A returned form's state: keyed once (waits for the second, blind keying), mismatched (waits
 * for a supervisor), counted (its ballot is written; `receiptId` names it) or superseded (the
 * citizen answered online with the same serial first: the serial counted once, there).
 */
export type KeyedStatus = 'keyed_once' | 'mismatch' | 'counted' | 'superseded';
/** `online`: the citizen answered through the form's own QR and no clerk had keyed it. */
export type ReturnStatus = KeyedStatus | 'online';

export interface KeyedReturn {
  serial: string;
  roundId: string;
  targetId: string;
  status: KeyedStatus;
  first: Keying;
  second?: Keying;
  /** The supervisor's decision on a mismatch: what counts, by whom, why. */
  resolution?: Keying & { reason: string };
  receiptId?: string;
}

/**
 * A form answered online through its QR: the form came back (回收率), only not by post. The
 * answers are in the ballot (`receiptId`), not here.
 */
export interface OnlineReturn {
  serial: string;
  roundId: string;
  targetId: string;
  status: 'online';
  receiptId: string;
  answeredAt: string;
}

export type PaperReturn = KeyedReturn | OnlineReturn;

/** Whether the form has come back and counted, whichever way (the return rate's numerator). */
export const hasReturned = (r: PaperReturn): boolean => r.status === 'counted' || r.status === 'online' || r.status === 'superseded';

export interface PaperStore {
  /**
   * Writes the batch and one item per serial, each on condition the serial does not exist yet
   * (at most 99 serials). `false` when a serial existed: nothing was written.
   */
  issueBatch(batch: IssuedBatch): Promise<boolean>;
  listBatches(roundId: string): Promise<IssuedBatch[]>;
  getSerial(serial: string): Promise<IssuedSerial | undefined>;
  getReturn(roundId: string, serial: string): Promise<PaperReturn | undefined>;
  listReturns(roundId: string): Promise<PaperReturn[]>;
  /**
   * Stores a return. `expected` is the status it must have now (undefined: no return stored
   * yet), so two clerks keying one form at once cannot both be "the first" and no decision is
   * overwritten. `audit` lines land in the same transaction. `false` when the condition failed.
   */
  putReturn(r: PaperReturn, expected: ReturnStatus | undefined, audit?: AuditEntry[]): Promise<boolean>;
}
