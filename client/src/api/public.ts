import { PublicResults, PublicRoundList } from '@shared/api/publication';
import { API_BASE } from './config';
import { apiRequest } from './http';

const enc = encodeURIComponent;

/** Published rounds, newest period first (no login: anyone may read what was published). */
export function listPublished(): Promise<PublicRoundList> {
  return apiRequest({ path: '/public/results', auth: 'none', schema: PublicRoundList });
}

/** One published version (the latest without `version`): snapshot, hash, all versions, consequences. */
export function getPublished(roundId: string, version?: number): Promise<PublicResults> {
  const q = version ? `?version=${version}` : '';
  return apiRequest({ path: `/public/rounds/${enc(roundId)}/results${q}`, auth: 'none', schema: PublicResults });
}

export type ExportKind = 'xlsx' | 'csv' | 'print' | 'snapshot';

const EXPORT_PATH: Record<ExportKind, string> = { xlsx: 'results.xlsx', csv: 'results.csv', print: 'print', snapshot: 'snapshot.json' };

/** The absolute address of an export of one version (what the page links to and tests fetch). */
export function exportUrl(roundId: string, kind: ExportKind, version: number): string {
  return `${API_BASE}/public/rounds/${enc(roundId)}/${EXPORT_PATH[kind]}?version=${version}`;
}

export type { PublicResults, PublicRoundList };
