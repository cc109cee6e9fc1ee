import type { ChannelKind } from '@shared/model/channel';
import type { ChannelTally } from '@shared/api/results';
import type { FieldValue } from '@shared/target-inputs/fields';
import type { AuditEntry } from '../../ports';

/**
 * Per-target facts a supervisor enters for a round besides ballots, assembled from the stored
 * fields: 服务人次 (served, the return-rate denominator), scores made elsewhere (工作考核,
 * 政风建设年), rectification record counts, verified misconduct, representatives present and
 * imported tallies of non-ballot channels (phone survey, hearing sheets).
 */
export interface TargetInputs {
  targetId: string;
  served?: number;
  inputs?: Record<string, number>;
  records?: Record<string, number>;
  misconduct?: number;
  present?: Partial<Record<ChannelKind, number>>;
  channels?: Partial<Record<ChannelKind, ChannelTally>>;
}

/** One stored field of one target (one item per round × target × field). */
export interface StoredField {
  targetId: string;
  field: string;
  value: FieldValue;
  updatedAt: string;
  updatedBy: string;
}

/**
 * One field's change: `value` sets it, `null` clears it. `before` is what the field must hold
 * when the write lands (undefined: absent), so a change made by someone else in between fails
 * the write instead of being overwritten; `audit` is its line in the round's audit log.
 */
export interface FieldChange {
  targetId: string;
  field: string;
  value: FieldValue | null;
  before: FieldValue | undefined;
  audit: AuditEntry;
}

export interface TargetInputStore {
  listFields(roundId: string): Promise<StoredField[]>;
  /**
   * Writes the changes and their audit lines in one transaction, each conditional on its
   * `before` (at most 50 changes). `false` when any condition failed: then nothing was written.
   */
  applyChanges(roundId: string, changes: FieldChange[], at: string, by: string): Promise<boolean>;
}
