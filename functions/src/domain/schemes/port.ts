import type { StoredScheme } from '@shared/api/schemes';

/** A scheme's head: what the list shows, and the latest version a new version must be based on. */
export interface SchemeHead {
  schemeId: string;
  name: string;
  latestVersion: number;
  basedOn?: StoredScheme['basedOn'];
  createdAt: string;
  updatedAt: string;
}

/**
 * Stored scheme versions (presets are not stored: they are read from shared/schemes). A version
 * is written once and never changed; a new version is a new item.
 */
export interface SchemeStore {
  /**
   * Stores `scheme` as version `scheme.version` and moves the head to it, both or neither. The
   * write holds only while the head is at `scheme.version − 1` (no head for version 1):
   * SCHEME_VERSION_STALE ({ schemeId, latestVersion? }) when another version came first,
   * ALREADY_EXISTS ({ schemeId }) when version 1 of a taken id is written.
   */
  putVersion(scheme: StoredScheme): Promise<void>;
  getVersion(schemeId: string, version: number): Promise<StoredScheme | undefined>;
  getHead(schemeId: string): Promise<SchemeHead | undefined>;
  listHeads(): Promise<SchemeHead[]>;
  /** Every version, oldest first. */
  listVersions(schemeId: string): Promise<StoredScheme[]>;
}
