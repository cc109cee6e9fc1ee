import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import type { EvidenceStorage } from '../../ports';

const LINK_SECONDS = 15 * 60;

/**
 * Production evidence storage: the phone PUTs the file straight to S3 with a presigned URL (the
 * Lambda never carries the bytes), then the API HEADs the object before recording it: the size
 * limit is checked there (a presigned PUT cannot cap the body), and a bigger object is refused
 * and never recorded against the task. Within the limit, confirmation reads it once and records
 * its SHA-256.
 *
 * Single use: the URL is signed with `If-None-Match: *` (a signed header the phone must send), so
 * S3 refuses with 412 any PUT to a key that already holds an object: the link uploads once, and
 * the object a confirmation hashed can never be replaced through it. The bucket policy also
 * denies every PutObject under tasks/ without that header (template.yaml).
 */
export class S3Evidence implements EvidenceStorage {
  constructor(private readonly s3: S3Client, private readonly bucket: string) {}

  async presignUpload(input: { key: string; contentType: string; maxBytes: number }) {
    const url = await getSignedUrl(this.s3, new PutObjectCommand({ Bucket: this.bucket, Key: input.key, ContentType: input.contentType, IfNoneMatch: '*' }), {
      expiresIn: LINK_SECONDS,
      signableHeaders: new Set(['content-type', 'if-none-match']),
    });
    return { url, method: 'PUT' as const, headers: { 'content-type': input.contentType, 'if-none-match': '*' }, expiresAt: new Date(Date.now() + LINK_SECONDS * 1000).toISOString() };
  }

  async stat(key: string) {
    try {
      const r = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: r.ContentLength ?? 0, ...(r.ContentType ? { contentType: r.ContentType } : {}) };
    } catch (e) {
      if ((e as { name?: string }).name === 'NotFound' || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
      throw e;
    }
  }

  async sha256(key: string): Promise<string> {
    const r = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const hash = createHash('sha256');
    for await (const chunk of r.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
    return hash.digest('hex');
  }

  presignDownload(key: string): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: LINK_SECONDS });
  }
}
