import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startStack, type TestStack } from '../support/stack';
import { apiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { inlineScriptHashes } from '../../functions/src/http/security-headers';
import { h5Static } from '../../functions/src/http/h5-static';

/**
 * How the local server serves an H5 build (functions/src/http/h5-static.ts), on a small build
 * laid out as `npm run build:h5` lays it out (hashed js/css with .br/.gz copies beside them,
 * index.html with the shell): the compressed copy `Accept-Encoding` asks for, a year of
 * `immutable` for hashed names, `no-cache` + ETag for the HTML, `Vary: Accept-Encoding`, and a
 * window landing's shell filled with the window's names.
 */

const SHELL = [
  '<!doctype html><html lang="zh-CN"><head><title>群众评议</title><script>window.__sizer=1</script>',
  '<script defer="defer" src="/js/app.0123abcd.js"></script></head><body><div id="app"></div>',
  '<div id="shell" class="shell"><div class="shell__name" id="shell-name" elementtiming="shell-name"></div><div class="shell__loading">正在加载，请稍候…</div></div>',
  `<script>/* routes /?token= */${' '.repeat(600)}</script></body></html>`,
].join('');
const APP_JS = `console.log(${JSON.stringify('评议'.repeat(2000))});`;
const APP_CSS = `.a{color:#222}${'.b{margin:0}'.repeat(200)}`;
const LICENSE = 'MIT'.repeat(400);

let dir: string;
let stack: TestStack;
let county: SmallCounty;

function writeWithCopies(rel: string, text: string): void {
  const raw = Buffer.from(text, 'utf8');
  writeFileSync(join(dir, rel), raw);
  writeFileSync(join(dir, `${rel}.br`), brotliCompressSync(raw));
  writeFileSync(join(dir, `${rel}.gz`), gzipSync(raw));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'h5-static-'));
  mkdirSync(join(dir, 'js'));
  mkdirSync(join(dir, 'css'));
  writeWithCopies('index.html', SHELL);
  writeWithCopies('js/app.0123abcd.js', APP_JS);
  writeWithCopies('css/app.89abcdef.css', APP_CSS);
  writeFileSync(join(dir, 'js/app.0123abcd.js.LICENSE.txt'), LICENSE);
  stack = await startStack({ staticDir: dir });
  county = await seedSmallCounty(apiClient(stack.baseUrl));
});

afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decode). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.baseUrl}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(r: Raw): string {
  const enc = r.headers['content-encoding'];
  const body = enc === 'br' ? brotliDecompressSync(r.body) : enc === 'gzip' ? gunzipSync(r.body) : r.body;
  return body.toString('utf8');
}

describe('content negotiation', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip', 'gzip'],
    ['deflate', undefined],
    ['', undefined],
  ])('Accept-Encoding "%s" gets %s, the same bytes once decoded, and Vary: Accept-Encoding', async (accept, encoding) => {
    for (const [path, text] of [
      ['/js/app.0123abcd.js', APP_JS],
      ['/css/app.89abcdef.css', APP_CSS],
      ['/', SHELL],
    ] as const) {
      const r = await get(path, accept ? { 'accept-encoding': accept } : {});
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBe(encoding);
      expect(r.headers.vary).toBe('Accept-Encoding');
      expect(Number(r.headers['content-length'])).toBe(r.body.length);
      expect(decoded(r)).toBe(text);
      if (encoding) expect(r.body.length).toBeLessThan(Buffer.byteLength(text));
    }
  });

  it('types what it serves (with charset for text)', async () => {
    expect((await get('/js/app.0123abcd.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/css/app.89abcdef.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/')).headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('never serves a compressed copy under its own name, and answers HEAD without a body', async () => {
    expect((await get('/js/app.0123abcd.js.br')).status).toBe(404);
    const head = await get('/js/app.0123abcd.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });
});

describe('caching', () => {
  it('serves content-hashed names for a year, immutable', async () => {
    for (const path of ['/js/app.0123abcd.js', '/css/app.89abcdef.css']) {
      const r = await get(path, { 'accept-encoding': 'br' });
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('makes the HTML revalidate (no-cache + ETag) and answers a matching If-None-Match with 304 and no body', async () => {
    for (const accept of ['br', 'gzip', '']) {
      const first = await get('/', { 'accept-encoding': accept });
      expect(first.headers['cache-control']).toBe('no-cache');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[^"]+"$/);
      const again = await get('/', { 'accept-encoding': accept, 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers.vary).toBe('Accept-Encoding');
    }
    // Each encoding is its own representation: its own ETag.
    const tags = await Promise.all(['br', 'gzip', ''].map(async (a) => (await get('/', { 'accept-encoding': a })).headers.etag));
    expect(new Set(tags).size).toBe(3);
    const stale = await get('/', { 'if-none-match': '"something-else"' });
    expect(stale.status).toBe(200);
  });

  it('does not mark an unhashed file immutable', async () => {
    const r = await get('/js/app.0123abcd.js.LICENSE.txt');
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  it('keeps the API uncached and unaffected', async () => {
    const r = await get('/api/health', { 'accept-encoding': 'br' });
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-encoding']).toBeUndefined();
  });
});

describe('the shell of a window landing', () => {
  it('carries the window and its unit and section, escaped, for a valid window token', async () => {
    const token = county.windowTokens.w111!;
    for (const accept of ['br', 'gzip', '']) {
      const r = await get(`/?token=${encodeURIComponent(token)}`, { 'accept-encoding': accept });
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers.vary).toBe('Accept-Encoding');
      const html = decoded(r);
      expect(html).toContain('<div class="shell__name" id="shell-name" elementtiming="shell-name"><span class="shell__unit">公安局 · 户政科</span><span class="shell__window">户政1号窗口</span></div>');
      expect(html).toContain('<title>户政1号窗口 · 群众评议</title>');
      // The filled page still runs under the policy computed from the build's index.html.
      expect(inlineScriptHashes(html)).toEqual(inlineScriptHashes(SHELL));
    }
  });

  it('names nothing for a sampling link, an invitation, a forged or a rotated token', async () => {
    const admin = county.admin;
    const api = apiClient(stack.baseUrl);
    const old = county.windowTokens.w112!;
    const rotated = await api.post('/admin/windows/w112/qr', undefined, admin);
    expect(rotated.status).toBe(200);
    const forged = county.windowTokens.w121!.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
    for (const token of [county.samplingToken, county.invitations[0]!.token, forged, old, 'W.<script>.1.x', '']) {
      const html = decoded(await get(`/?token=${encodeURIComponent(token)}`, { 'accept-encoding': 'gzip' }));
      expect(html).toBe(SHELL);
    }
    // The rotated window's new token is named again.
    expect(decoded(await get(`/?token=${encodeURIComponent(rotated.body.scene)}`))).toContain('户政2号窗口');
  });

  it('gives its own ETag to each window’s shell', async () => {
    const a = await get(`/?token=${encodeURIComponent(county.windowTokens.w111!)}`, { 'accept-encoding': 'br' });
    const b = await get(`/?token=${encodeURIComponent(county.windowTokens.w211!)}`, { 'accept-encoding': 'br' });
    expect(a.headers.etag).not.toBe(b.headers.etag);
    const again = await get(`/?token=${encodeURIComponent(county.windowTokens.w111!)}`, { 'accept-encoding': 'br', 'if-none-match': a.headers.etag as string });
    expect(again.status).toBe(304);
  });

  it('answers with the plain shell, not late, when the store fails', async () => {
    stack.faults.fail('*', 'before', 10);
    const r = await get(`/?token=${encodeURIComponent(county.windowTokens.w111!)}`, { 'accept-encoding': 'br' });
    stack.faults.clear();
    expect(r.status).toBe(200);
    expect(decoded(r)).toBe(SHELL);
  });
});

it('serves the plain shell when the names do not come within the deadline', async () => {
  // A lookup that never answers: only the deadline can end the request.
  const app = express().use(h5Static({ dir, fillTimeoutMs: 50, shellNames: () => new Promise(() => undefined) }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?token=W.w111.1.abcdefghij`, { signal: AbortSignal.timeout(60_000) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(SHELL);
  } finally {
    server.close();
  }
});
