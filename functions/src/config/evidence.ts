import { S3Client } from '@aws-sdk/client-s3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Secrets } from '../domain/secrets';
import { LocalFolderEvidence } from '../adapters/local/local-evidence';
import { S3Evidence } from '../adapters/s3/s3-evidence';
import type { Clock, EvidenceStorage } from '../ports';
import type { Env } from './compose';

/**
 * EVIDENCE_BUCKET selects S3 (presigned PUT); without it evidence goes to EVIDENCE_DIR (default
 * a folder under the OS temp dir) behind signed links on our own API.
 */
export function evidenceFromEnv(env: Env, secrets: Secrets, clock: Clock): EvidenceStorage {
  // Checksums only when an operation requires one: by default the SDK signs a CRC32 of the
  // presign-time (empty) body into an upload URL, and S3 would refuse every real file with it.
  if (env.EVIDENCE_BUCKET) return new S3Evidence(new S3Client({ region: env.AWS_REGION ?? 'cn-north-1', requestChecksumCalculation: 'WHEN_REQUIRED' }), env.EVIDENCE_BUCKET);
  return new LocalFolderEvidence(env.EVIDENCE_DIR ?? join(tmpdir(), 'pingyi-evidence'), secrets.sessionKey, () => clock.now());
}
