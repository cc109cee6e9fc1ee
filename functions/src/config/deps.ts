import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../domain/deps';
import type { Secrets } from '../domain/secrets';
import { systemClock } from '../adapters/local/system';
import { LocalFolderEvidence } from '../adapters/local/local-evidence';
import { S3Evidence } from '../adapters/s3/s3-evidence';
import { WechatMiniProgramCode } from '../adapters/wechat/wxacode';
import { LocalQrCode } from '../adapters/local/local-qr-code';
import type { Clock, EvidenceStorage, MiniProgramCode } from '../ports';
import { composeDeps, wechatAccessToken, wechatFromEnv, type Env } from './compose';

export { calendarFromEnv, randomSecrets, secretsFromEnv, wechatFromEnv } from './compose';

/**
 * EVIDENCE_BUCKET selects S3 (presigned PUT); without it evidence goes to EVIDENCE_DIR (default
 * a folder under the OS temp dir) behind signed links on our own API.
 */
export function evidenceFromEnv(env: Env, secrets: Secrets, clock: Clock): EvidenceStorage {
  if (env.EVIDENCE_BUCKET) return new S3Evidence(new S3Client({ region: env.AWS_REGION ?? 'cn-north-1' }), env.EVIDENCE_BUCKET);
  return new LocalFolderEvidence(env.EVIDENCE_DIR ?? join(tmpdir(), 'pingyi-evidence'), secrets.sessionKey, () => clock.now());
}

/** WeChat credentials select wxacode.getUnlimited; without them, a local QR of the H5 link. */
export function miniProgramCodeFromEnv(env: Env): MiniProgramCode {
  const token = wechatAccessToken(env);
  return token ? new WechatMiniProgramCode(token) : new LocalQrCode();
}

/** Every adapter, chosen from the environment: the local server, tests, scripts and the staff function. */
export function buildDeps(db: DynamoDBDocumentClient, tableName: string, secrets: Secrets, env: Env, overrides: Partial<Deps> = {}): Deps {
  const clock = overrides.clock ?? systemClock;
  return composeDeps(db, tableName, secrets, env, { wechat: wechatFromEnv(env), evidence: evidenceFromEnv(env, secrets, clock), miniProgramCode: miniProgramCodeFromEnv(env) }, overrides);
}
