import { evidenceFromEnv } from '../../functions/src/config/evidence';
import { S3Evidence } from '../../functions/src/adapters/s3/s3-evidence';

/** The presigned upload link as the phone receives it (no network: presigning is local). */
async function uploadLink() {
  process.env.AWS_ACCESS_KEY_ID ??= 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'example';
  const storage = evidenceFromEnv({ EVIDENCE_BUCKET: 'pingyi-test-evidence', AWS_REGION: 'cn-north-1' }, { tokenKey: 't', pseudonymKey: 'p', sessionKey: 's' }, { now: () => new Date() });
  expect(storage).toBeInstanceOf(S3Evidence);
  return storage.presignUpload({ key: 'tasks/t1/e1', contentType: 'image/png', maxBytes: 1000 });
}

it('signs If-None-Match: * into the upload link, so S3 refuses a second PUT to the key', async () => {
  const link = await uploadLink();
  const url = new URL(link.url);
  expect(url.searchParams.get('X-Amz-SignedHeaders')!.split(';')).toEqual(expect.arrayContaining(['content-type', 'host', 'if-none-match']));
  expect(link.headers).toEqual({ 'content-type': 'image/png', 'if-none-match': '*' });
});

it('signs no checksum of the (empty) presign-time body into the link, which S3 would hold every real file to', async () => {
  const url = new URL((await uploadLink()).url);
  expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
});

