import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';
import type { ShellNames } from '../domain/landing-shell';

/**
 * Serving the H5 build (local runs and `npm start`; production: a CDN with the same rules,
 * docs/deploy.md "Serving the H5 client"):
 *  - every text file has `.br` and `.gz` copies made at build time (config/precompress.ts); the
 *    answer is the best one `Accept-Encoding` allows, with `Vary: Accept-Encoding`;
 *  - a content-hashed name (`app.3afc5eda.js`) never changes: `public, max-age=31536000, immutable`;
 *  - index.html and any unhashed file: `no-cache` with an ETag, so a visit revalidates it
 *    (a 304 of a few hundred bytes) and a new build is seen at once;
 *  - a window landing (`/?token=W.…`) gets its shell filled with the window's public names, so
 *    the name paints with the HTML, before any script (client/src/index.html).
 */
export interface H5StaticOptions {
  dir: string;
  /** The public names for a landing token (undefined: not a window, or not valid). */
  shellNames?: (token: string) => Promise<ShellNames | undefined>;
  /** The HTML never waits longer than this for the names; a slow store gets the plain shell. */
  fillTimeoutMs?: number;
  /** The policy every file is served under (the H5 CSP). */
  onHeaders?: (res: Response) => void;
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
/** `name.<8+ hex>.ext`: webpack's `[contenthash:8]` names (config/index.ts). */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};
const TEXT = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map']);

type Encoding = 'br' | 'gzip' | 'identity';
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz', identity: '' };

interface Variant {
  body: Buffer;
  etag: string;
}

/**
 * The encodings a request accepts, best first, from `Accept-Encoding` (q-values honoured;
 * `identity` always last unless refused with q=0).
 * @example acceptedEncodings('gzip, deflate, br') // ['br', 'gzip', 'identity']
 */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (e: string) => q.get(e) ?? q.get('*') ?? (e === 'identity' ? 1 : 0);
  const out: Encoding[] = (['br', 'gzip'] as const).filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a));
  if (weight('identity') > 0 || out.length === 0) out.push('identity');
  return out;
}

/** Every file under `dir`, relative with `/`, without the compressed copies. */
function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) out.push(...listFiles(dir, rel));
    else if (!name.endsWith('.br') && !name.endsWith('.gz')) out.push(rel);
  }
  return out;
}

const etagOf = (body: Buffer, encoding: Encoding) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}${encoding === 'identity' ? '' : `-${encoding}`}"`;

/** Escapes text for an HTML element's content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** index.html with the names written into its empty `#shell-name` element. */
export function fillShell(html: string, names: ShellNames): string {
  const inner = `${names.unit ? `<span class="shell__unit">${escapeHtml(names.unit)}</span>` : ''}<span class="shell__window">${escapeHtml(names.window)}</span>`;
  return html
    .replace(/(<div[^>]*\bid="?shell-name"?[^>]*>)(<\/div>)/, (_m, open: string, close: string) => `${open}${inner}${close}`)
    .replace(/<title>([^<]*)<\/title>/, (_m, title: string) => `<title>${escapeHtml(names.window)} · ${title}</title>`);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

export function h5Static(options: H5StaticOptions): RequestHandler {
  const { dir } = options;
  const files = new Set(existsSync(dir) ? listFiles(dir) : []);
  const cache = new Map<string, Variant | null>();

  /** The stored copy of `rel` in `encoding`, read once; null when the build has none. */
  const variant = (rel: string, encoding: Encoding): Variant | null => {
    const key = rel + SUFFIX[encoding];
    let v = cache.get(key);
    if (v === undefined) {
      const path = join(dir, key);
      v = existsSync(path) ? { body: readFileSync(path), etag: '' } : null;
      if (v) v.etag = etagOf(v.body, encoding);
      cache.set(key, v);
    }
    return v;
  };

  const send = (req: Request, res: Response, rel: string, encoding: Encoding, v: Variant) => {
    const ext = extname(rel).toLowerCase();
    options.onHeaders?.(res);
    res.setHeader('content-type', TYPES[ext] ?? 'application/octet-stream');
    res.setHeader('cache-control', HASHED.test(rel) ? IMMUTABLE : REVALIDATE);
    if (TEXT.has(ext)) res.setHeader('vary', 'Accept-Encoding');
    if (encoding !== 'identity') res.setHeader('content-encoding', encoding);
    res.setHeader('etag', v.etag);
    const match = req.header('if-none-match');
    if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === v.etag)) {
      res.status(304).end();
      return;
    }
    res.setHeader('content-length', v.body.length);
    res.status(200).end(req.method === 'HEAD' ? undefined : v.body);
  };

  /** A filled shell is per request: compressed here (a few KB, fast settings). */
  const dynamic = (html: string, encoding: Encoding): Variant => {
    const raw = Buffer.from(html, 'utf8');
    const body =
      encoding === 'br' ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : encoding === 'gzip' ? gzipSync(raw, { level: 6 }) : raw;
    return { body, etag: etagOf(raw, encoding) };
  };

  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const rel = req.path === '/' ? 'index.html' : decodeURIComponent(req.path).slice(1);
    if (!files.has(rel)) return next();
    const accepted = acceptedEncodings(req.header('accept-encoding'));
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (rel === 'index.html' && token && options.shellNames) {
      withTimeout(options.shellNames(token), options.fillTimeoutMs ?? 1000).then((names) => {
        const encoding = accepted[0]!;
        if (!names) {
          const plain = accepted.map((e) => [e, variant(rel, e)] as const).find(([, v]) => v);
          return plain ? send(req, res, rel, plain[0], plain[1]!) : next();
        }
        send(req, res, rel, encoding, dynamic(fillShell(variant(rel, 'identity')!.body.toString('utf8'), names), encoding));
      }, next);
      return;
    }
    for (const encoding of accepted) {
      const v = variant(rel, encoding);
      if (v) return send(req, res, rel, encoding, v);
    }
    // Only identity exists and the client refused it: nothing acceptable.
    next();
  };
}
