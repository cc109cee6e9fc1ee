import { randomUUID } from 'node:crypto';
import { ensureTable } from '../../functions/src/local/dynamodb-local';
import { signSession } from '../../functions/src/domain/sessions';

/**
 * The Lambda entry point is serverless-http around the same app: feed it API Gateway HTTP API
 * (payload v2) events and check the answers, against the run's DynamoDB Local.
 */
type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers?: Record<string, string> }>;
let handler: Handler;

beforeAll(async () => {
  const table = `lambda-${randomUUID().slice(0, 8)}`;
  await ensureTable(process.env.DDB_TEST_ENDPOINT, 'local', table);
  Object.assign(process.env, {
    TABLE_NAME: table,
    DYNAMODB_ENDPOINT: process.env.DDB_TEST_ENDPOINT,
    TOKEN_SECRET: 't'.repeat(32),
    PSEUDONYM_SECRET: 'p'.repeat(32),
    SESSION_SECRET: 's'.repeat(32),
    // Required at init (the function fails closed without them); no test here reaches WeChat.
    WECHAT_APPID: 'wx-lambda-test',
    WECHAT_SECRET: 'unused',
    AUTH_DEV_LOGIN: '1',
  });
  handler = (await import('../../functions/src/lambda/api')).handler as unknown as Handler;
});

const event = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: path,
  rawQueryString: '',
  headers: { 'content-type': 'application/json', ...headers },
  requestContext: { http: { method, path, sourceIp: '203.0.113.9', protocol: 'HTTP/1.1', userAgent: 'test' }, requestId: randomUUID(), stage: '$default', timeEpoch: Date.now() },
  ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)).toString('base64'), isBase64Encoded: true }),
});

it('answers an HTTP API v2 event through the Express app', async () => {
  const r = await handler(event('GET', '/api/health'), {});
  expect(r.statusCode).toBe(200);
  expect(JSON.parse(r.body)).toEqual({ ok: true });
});

it('decodes a base64 body and returns the documented error shape', async () => {
  // No dev login in a Lambda function (AUTH_DEV_LOGIN=1 above is ignored): a session signed with the function's key.
  const dev = await handler(event('POST', '/api/auth/dev', { name: 'lambda-admin', role: 'admin' }), {});
  expect(dev.statusCode).toBe(404);
  const token = signSession('s'.repeat(32), { sub: 'acct:lambda-admin', role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 });
  const r = await handler(event('POST', '/api/ballots', { clientBallotId: randomUUID(), token: 'W.x.1.forged', answers: {} }, { authorization: `Bearer ${token}` }), {});
  expect(r.statusCode).toBe(403);
  expect(JSON.parse(r.body).error.code).toBe('TOKEN_INVALID');
});
