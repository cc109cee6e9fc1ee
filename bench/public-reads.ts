/**
 * `npx tsx bench/public-reads.ts [--windows 60000] [--samples 60] [--out FILE]`: the public reads
 * of a county-sized tree. Imports `--windows` windows (50 per section, 20 sections per unit,
 * through `POST /api/admin/nodes/import` in CSV chunks, as an operator would), opens a window
 * round with a sampling link, and times over loopback HTTP:
 * - a window QR landing (`GET /api/landing/:scene`, `--samples` windows spread over the tree),
 * - a sampling link's landing (first page of its 60,000 targets, a later page, one named target),
 * - `GET /api/org` pages (default and largest);
 * and reports the largest answer any of them gave, with the store calls a landing costs.
 * Goals: landing p50 ≤ 100 ms; no public answer over 200 KB. Sizes are exact (bytes on the wire).
 */
import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ORG_PAGE_MAX } from '../shared/api/org';
import { startBenchStack } from './stack';
import { expectStatus, httpClient } from './http';
import { BENCH_SCHEME } from './scheme';

const GOAL_P50_MS = 100;
const GOAL_MAX_BYTES = 200 * 1024;
const WINDOWS_PER_SECTION = 50;
const SECTIONS_PER_UNIT = 20;
const UNITS_PER_CATEGORY = 20;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const n = i < 0 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`bad ${name}\nusage: tsx bench/public-reads.ts [--windows N] [--samples N] [--out FILE]\n`);
    process.exit(2);
  }
  return n;
}
const windows = flag('--windows', 60_000);
const samples = flag('--samples', 60);
const outArg = process.argv.indexOf('--out');
const out = outArg < 0 ? 'bench/results/public-reads.json' : process.argv[outArg + 1]!;
const log = (m: string) => process.stderr.write(`[public-reads ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

/** The tree as CSV chunks of at most ~1.5 MB (the import takes 2 MB): levels above the windows first. */
function treeChunks(n: number): string[] {
  const header = 'kind,id,name,parentId,formKey';
  const sections = Math.ceil(n / WINDOWS_PER_SECTION);
  const units = Math.ceil(sections / SECTIONS_PER_UNIT);
  const upper = [header];
  for (let u = 0; u < units; u++) {
    const c = Math.floor(u / UNITS_PER_CATEGORY);
    if (u % UNITS_PER_CATEGORY === 0) upper.push(`category,c${c},评议组${c + 1},,`);
    upper.push(`unit,u${u},县第${u + 1}政务服务中心,c${c},`);
  }
  for (let s = 0; s < sections; s++) upper.push(`section,s${s},综合受理第${s + 1}科,u${Math.floor(s / SECTIONS_PER_UNIT)},`);
  const chunks = [upper.join('\n')];
  let lines = [header];
  for (let w = 0; w < n; w++) {
    lines.push(`window,w${w},综合受理${(w % WINDOWS_PER_SECTION) + 1}号窗口（不动产登记、社保医保、公积金）,s${Math.floor(w / WINDOWS_PER_SECTION)},`);
    if (lines.length > 10_000) {
      chunks.push(lines.join('\n'));
      lines = [header];
    }
  }
  if (lines.length > 1) chunks.push(lines.join('\n'));
  return chunks;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

async function main(): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const load = loadavg();
  const stack = await startBenchStack('evaluator=1000000/60,ip=1000000/60,place=1000000/60');
  let failures = 0;
  try {
    const api = httpClient(stack.baseUrl, 4);
    const admin = expectStatus(await api.post('/auth/dev', { name: 'bench-admin', role: 'admin' }), 200, 'admin login').body.token as string;
    const t0 = performance.now();
    const chunks = treeChunks(windows);
    for (const [i, csv] of chunks.entries()) {
      expectStatus(await api.call('POST', '/admin/nodes/import', { raw: csv, contentType: 'text/csv', token: admin }), 201, `org import ${i + 1}`);
      log(`imported chunk ${i + 1} of ${chunks.length}`);
    }
    const importSeconds = (performance.now() - t0) / 1000;
    const now = Date.now();
    expectStatus(
      await api.post(
        '/admin/rounds',
        {
          id: 'pr',
          name: '窗口评议',
          period: { kind: 'quarter', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' },
          schemeId: BENCH_SCHEME.id,
          targetKind: 'window',
          channels: ['sampling', 'window'],
          opensAt: new Date(now - 3600_000).toISOString(),
          closesAt: new Date(now + 30 * 86400_000).toISOString(),
        },
        admin,
      ),
      201,
      'create round',
    );
    expectStatus(await api.post('/admin/rounds/pr/open', undefined, admin), 200, 'open round');
    const sampling = expectStatus(await api.post('/admin/rounds/pr/sampling-link', undefined, admin), 200, 'sampling link').body.token as string;
    const picked = Array.from({ length: samples }, (_, i) => `w${Math.floor((i * windows) / samples)}`);
    const scenes: string[] = [];
    for (const w of picked) scenes.push(expectStatus(await api.post(`/admin/windows/${w}/qr`, undefined, admin), 200, 'QR').body.scene as string);
    log(`${windows} windows imported in ${importSeconds.toFixed(1)} s; measuring`);

    /** One public GET: wall time and exact bytes on the wire. */
    let largest = { bytes: 0, path: '' };
    const get = async (path: string) => {
      const t = performance.now();
      const r = await fetch(`${stack.baseUrl}/api${path}`);
      const text = await r.text();
      const ms = performance.now() - t;
      const bytes = Buffer.byteLength(text);
      if (r.status !== 200) failures++;
      if (bytes > largest.bytes) largest = { bytes, path: path.replace(/after=[^&]+/, 'after=…').slice(0, 70) };
      return { ms, bytes, status: r.status, text };
    };
    const timed = async (paths: string[], warm = 2) => {
      for (const p of paths.slice(0, warm)) await get(p);
      stack.meter.take();
      const ms: number[] = [];
      for (const p of paths) ms.push((await get(p)).ms);
      const calls = stack.meter.take().calls;
      const perCall = Object.fromEntries(Object.entries(calls).map(([k, n]) => [k, +(n / paths.length).toFixed(1)]));
      return { p50: quantile(ms, 0.5), p90: quantile(ms, 0.9), max: Math.max(...ms), storeCallsPerRequest: perCall };
    };

    const windowLanding = await timed(scenes.flatMap((s) => [s, s]).map((s) => `/landing/${encodeURIComponent(s)}`));
    const samplingFirst = await timed(Array.from({ length: samples }, () => `/landing/${encodeURIComponent(sampling)}`));
    const later = (JSON.parse((await get(`/landing/${encodeURIComponent(sampling)}`)).text) as { rounds: Array<{ next?: string }> }).rounds[0]?.next;
    const samplingLater = later ? await timed(Array.from({ length: samples }, () => `/landing/${encodeURIComponent(sampling)}?after=${encodeURIComponent(later)}`)) : undefined;
    const samplingOne = await timed(picked.map((w) => `/landing/${encodeURIComponent(sampling)}?targetId=${w}`));
    const orgDefault = await timed(Array.from({ length: samples }, () => '/org'));
    const orgMax = await timed(Array.from({ length: samples }, () => `/org?kind=window&limit=${ORG_PAGE_MAX}`));
    // Every org page once (sizes), and the sampling link's first 100 pages.
    let orgPages = 0;
    for (let after: string | undefined, first = true; first || after; first = false) {
      const r = await get(`/org?limit=${ORG_PAGE_MAX}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      orgPages++;
      if (r.status !== 200) break;
      after = (JSON.parse(r.text) as { next?: string }).next;
    }
    let landingPages = 0;
    for (let after: string | undefined, first = true; (first || after) && landingPages < 100; first = false) {
      const r = await get(`/landing/${encodeURIComponent(sampling)}${after ? `?after=${encodeURIComponent(after)}` : ''}`);
      landingPages++;
      if (r.status !== 200) break;
      after = (JSON.parse(r.text) as { rounds: Array<{ next?: string }> }).rounds[0]?.next;
    }

    const landingP50 = Math.max(windowLanding.p50, samplingFirst.p50);
    const ok = failures === 0 && stack.appErrors.length === 0 && landingP50 <= GOAL_P50_MS && largest.bytes <= GOAL_MAX_BYTES;
    const f = (x: number) => x.toFixed(0);
    const line = (name: string, t: { p50: number; p90: number; max: number; storeCallsPerRequest: Record<string, number> }) =>
      `  ${name}: p50 ${f(t.p50)} ms, p90 ${f(t.p90)} ms, max ${f(t.max)} ms; store calls per request ${JSON.stringify(t.storeCallsPerRequest)}`;
    console.log(
      [
        `public reads: ${windows.toLocaleString('en')} windows (${chunks.length} CSV imports, ${importSeconds.toFixed(0)} s); ${cpus().length} cores, load ${load.map((x) => x.toFixed(1)).join('/')} at start`,
        line('window QR landing', windowLanding),
        line('sampling landing, first page', samplingFirst),
        ...(samplingLater ? [line('sampling landing, a later page', samplingLater)] : []),
        line('sampling landing, one target', samplingOne),
        line(`GET /api/org (default page)`, orgDefault),
        line(`GET /api/org?kind=window&limit=${ORG_PAGE_MAX}`, orgMax),
        `  largest public answer: ${(largest.bytes / 1024).toFixed(1)} KB (${largest.path}); ${orgPages} org pages and ${landingPages} landing pages walked`,
        `  goals: landing p50 ≤ ${GOAL_P50_MS} ms (${f(landingP50)} ms), every answer ≤ 200 KB — ${ok ? 'met' : 'NOT MET'}${failures ? `; ${failures} requests failed` : ''}`,
      ].join('\n'),
    );
    const result = {
      bench: 'public-reads',
      windows,
      importSeconds: Math.round(importSeconds),
      windowLanding,
      samplingFirst,
      samplingLater,
      samplingOne,
      orgDefault,
      orgMax,
      largestBytes: largest.bytes,
      largestPath: largest.path,
      failures,
      goalP50Ms: GOAL_P50_MS,
      goalMaxBytes: GOAL_MAX_BYTES,
      ok,
    };
    console.log(JSON.stringify(result));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), cpus: cpus().length, loadavgStart: load, loadavgEnd: loadavg(), ...result }, null, 2) + '\n');
    return ok ? 0 : 1;
  } finally {
    await stack.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`public-reads bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
