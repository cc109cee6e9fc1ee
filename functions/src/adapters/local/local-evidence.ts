import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { AppError } from '@shared/errors';
import type { EvidenceStorage } from '../../ports';
import { base62, hmac, safeEqual } from '../../domain/crypto';

/** How long an upload or download link stays valid, like an S3 presigned URL. */
const LINK_SECONDS = 15 * 60;

interface Grant {
  key: string;
  op: 'put' | 'get';
  contentType: string;
  maxBytes: number;
  exp: number;
}

/**
 * Evidence in a local folder, reached through signed links on our own API
 * (`PUT|GET /api/evidence/local/<token>`), so the client code is the same as with S3: ask for a
 * link, PUT the bytes to it, confirm. The token carries the key, the operation, the content type
 * and size limit, and an expiry, MACed with a server key.
 */
export class LocalFolderEvidence implements EvidenceStorage {
  constructor(private readonly dir: string, private readonly key: string, private readonly now: () => Date) {}

  async presignUpload(input: { key: string; contentType: string; maxBytes: number }) {
    const exp = Math.floor(this.now().getTime() / 1000) + LINK_SECONDS;
    const token = this.sign({ key: input.key, op: 'put', contentType: input.contentType, maxBytes: input.maxBytes, exp });
    return { url: `/api/evidence/local/${token}`, method: 'PUT' as const, headers: { 'content-type': input.contentType }, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async presignDownload(key: string): Promise<string> {
    const exp = Math.floor(this.now().getTime() / 1000) + LINK_SECONDS;
    return `/api/evidence/local/${this.sign({ key, op: 'get', contentType: '', maxBytes: 0, exp })}`;
  }

  async stat(key: string) {
    try {
      const s = await stat(this.path(key));
      return { size: s.size };
    } catch {
      return undefined;
    }
  }

  /** The grant a link token carries; UPLOAD_LINK_INVALID when forged, expired or for another op. */
  verify(token: string, op: Grant['op']): Grant {
    const [payload, mac] = token.split('.');
    if (!payload || !mac || !safeEqual(mac, base62(hmac(this.key, `evidence|${payload}`), 32))) throw new AppError('UPLOAD_LINK_INVALID');
    const grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Grant;
    if (grant.op !== op || grant.exp * 1000 <= this.now().getTime()) throw new AppError('UPLOAD_LINK_INVALID');
    return grant;
  }

  async sha256(key: string): Promise<string> {
    return createHash('sha256').update(await readFile(this.path(key))).digest('hex');
  }

  /**
   * Stores the bytes once. Written to a temporary file, then hard-linked to the key: link() never
   * replaces, so the second PUT to a link (even racing the first) is UPLOAD_LINK_USED and the file
   * a confirmation hashed stays the file (the S3 adapter gets the same from `If-None-Match: *`).
   */
  async write(grant: Grant, bytes: Buffer): Promise<void> {
    if (bytes.length > grant.maxBytes) throw new AppError('EVIDENCE_TOO_LARGE', { maxBytes: grant.maxBytes });
    const file = this.path(grant.key);
    await mkdir(dirname(file), { recursive: true });
    const partial = `${file}.${randomUUID()}.part`;
    await writeFile(partial, bytes, { flag: 'wx' });
    try {
      await link(partial, file);
    } catch (e) {
      if ((e as { code?: string }).code === 'EEXIST') throw new AppError('UPLOAD_LINK_USED');
      throw e;
    } finally {
      await unlink(partial).catch(() => undefined);
    }
  }

  path(key: string): string {
    const root = resolve(this.dir);
    const file = resolve(join(root, key));
    // Keys are ours (task id / evidence id), but a path must never leave the folder.
    if (!file.startsWith(root + sep)) throw new AppError('UPLOAD_LINK_INVALID');
    return file;
  }

  private sign(grant: Grant): string {
    const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
    return `${payload}.${base62(hmac(this.key, `evidence|${payload}`), 32)}`;
  }
}
