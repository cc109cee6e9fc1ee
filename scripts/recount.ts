/**
 * The audit tool, two ways:
 *
 * `npm run recount -- --round <id>`: recomputes every tally of a round from the raw ballots in
 * the store, checks each ballot against the digest it was accepted with and the ballots' Merkle
 * root against the published one; exits 1 on any mismatch.
 *
 * `npm run recount -- --log <file|url> --snapshot <file|url|roundId> [--version n] [--scheme <file>]`:
 * offline, from the public ballot log alone: rebuilds the Merkle root, every tally, every total,
 * grade, rank and main problem (comment categories from the log lines) with the scheme engine, and compares them with the published
 * snapshot; exits 1 listing every mismatch. The scheme is the one the snapshot embeds (older
 * snapshots: the preset they name) unless
 * `--scheme` gives one (JSON). A round id instead of a snapshot file reads its published version
 * from the store.
 *
 * The store: DYNAMODB_ENDPOINT / TABLE_NAME / AWS_REGION when set (real AWS when no endpoint);
 * otherwise the running `npm start` (its endpoint is in .data/endpoint); otherwise DynamoDB
 * Local started on .data/ for the duration.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getSchemePreset } from '../shared/schemes';
import { Scheme } from '../shared/scoring';
import { Snapshot } from '../shared/publication/snapshot';
import { joinBallotLogPages, parseBallotLog } from '../shared/publication/ballot-log';
import { recountFromLog } from '../shared/publication/log-recount';
import { createDocumentClient, storeConfigFromEnv } from '../functions/src/adapters/dynamodb/client';
import { buildDeps, randomSecrets } from '../functions/src/config/deps';
import { recount } from '../functions/src/domain/recount';
import { readPublication } from '../functions/src/domain/publication';
import { startDynamoDbLocal, type DynamoDbLocal } from '../functions/src/local/dynamodb-local';

const USAGE =
  'usage: npm run recount -- --round <roundId>\n       npm run recount -- --log <file|url> [--log <next page file> …] --snapshot <file|url|roundId> [--version n] [--scheme <scheme.json>]\n       (a --log URL is followed page by page; saved pages are given in order, one --log each)';

const argOf = (args: string[], name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const argsOf = (args: string[], name: string) => args.flatMap((a, i) => (a === name && args[i + 1] !== undefined ? [args[i + 1]!] : []));

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--log')) return fromLog(args);
  const roundId = argOf(args, '--round');
  if (!roundId) {
    console.error(USAGE);
    return 2;
  }
  return withStore(async (deps) => {
    const report = await recount(deps, roundId);
    console.log(JSON.stringify(report, null, 2));
    if (report.mismatches.length > 0 || report.ballots !== report.tallied) {
      console.error(`MISMATCH: ${report.mismatches.length} cell(s) differ; ${report.ballots} ballots stored, ${report.tallied} tallied`);
      return 1;
    }
    if (report.voidMismatches.length > 0) {
      console.error(`VOID MISMATCH: ${report.voidMismatches.length} void record(s) do not match their ballots`);
      return 1;
    }
    if (report.digestMismatches.length > 0) {
      console.error(`DIGEST MISMATCH: ${report.digestMismatches.length} ballot(s) no longer match the digest on their receipt`);
      return 1;
    }
    const pub = report.tree.published;
    if (pub && (pub.root !== report.tree.root || pub.size !== report.tree.size)) {
      console.error(`ROOT MISMATCH: the ballots' root ${report.tree.root} (${report.tree.size} ballots) is not version ${pub.version}'s ${pub.root} (${pub.size})`);
      return 1;
    }
    console.log(`OK: ${report.ballots} ballots, every tally reproduced; ${report.voided} voided (results subtract them, counters untouched)${pub ? `; Merkle root matches version ${pub.version}` : ''}`);
    return 0;
  });
}

/** The offline recount: the log and the snapshot are all it reads (a round id reads the snapshot from the store). */
async function fromLog(args: string[]): Promise<number> {
  const logArg = argOf(args, '--log');
  const snapArg = argOf(args, '--snapshot');
  const versionArg = argOf(args, '--version');
  const version = versionArg === undefined ? undefined : Number(versionArg);
  if (!logArg || !snapArg || (version !== undefined && !(Number.isInteger(version) && version >= 1))) {
    console.error(USAGE);
    return 2;
  }
  const log = joinBallotLogPages(await readLogPages(argsOf(args, '--log')));
  if (log.problems.length > 0) {
    console.error(`the log is not a ballot log:\n  ${log.problems.slice(0, 20).join('\n  ')}`);
    return 2;
  }
  const snapshotText = isFileOrUrl(snapArg) ? await readText(snapArg) : await withStore(async (deps) => (await readPublication(deps, snapArg, version)).stored.body);
  const parsed = Snapshot.safeParse(JSON.parse(snapshotText));
  if (!parsed.success) {
    console.error(`${snapArg} is not a published snapshot: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 2;
  }
  const snapshot = parsed.data;
  const schemeArg = argOf(args, '--scheme');
  // The scheme the snapshot embeds (what the results were computed with), else the preset it names.
  const scheme = schemeArg ? Scheme.safeParse(JSON.parse(await readText(schemeArg))) : { success: true as const, data: snapshot.scheme ?? getSchemePreset(snapshot.round.schemeId) };
  if (!scheme.success || !scheme.data) {
    console.error(`scheme ${snapshot.round.schemeId} is not embedded in the snapshot nor a preset here: pass it with --scheme <file>`);
    return 2;
  }
  const report = recountFromLog(scheme.data, snapshot, log.ballots, log.header);
  console.log(JSON.stringify({ snapshotSha256: createHash('sha256').update(snapshotText, 'utf8').digest('hex'), ...report }, null, 2));
  if (report.mismatches.length > 0) {
    console.error(`MISMATCH: ${report.mismatches.length} difference(s) between the log and version ${snapshot.version}:\n  ${report.mismatches.join('\n  ')}`);
    return 1;
  }
  console.log(`OK: ${report.ballots} ballots (${report.voided} voided) rebuild root ${report.tree.recomputed.root} and every published number of version ${snapshot.version}`);
  return 0;
}

/**
 * The log's pages: saved files as given, or from a URL, page after page, each asked with the
 * `next` cursor the one before names (joinBallotLogPages checks the chain either way).
 */
async function readLogPages(sources: string[]): Promise<Array<ReturnType<typeof parseBallotLog>>> {
  if (sources.length !== 1 || !isUrl(sources[0]!)) return Promise.all(sources.map(async (s) => parseBallotLog(await readText(s))));
  const pages = [];
  const asked = new Set<string>();
  let url: string | undefined = sources[0]!;
  while (url) {
    const page = parseBallotLog(await readText(url));
    pages.push(page);
    const next: string | undefined = page.header?.next;
    // A server naming a cursor twice would loop forever; the join reports the broken chain.
    if (next && !asked.has(next)) {
      asked.add(next);
      const u = new URL(sources[0]!);
      u.searchParams.set('after', next);
      url = u.toString();
    } else url = undefined;
  }
  return pages;
}

const isUrl = (s: string) => /^https?:\/\//.test(s);
const isFileOrUrl = (s: string) => isUrl(s) || existsSync(s);

async function readText(source: string): Promise<string> {
  if (!isUrl(source)) return readFileSync(source, 'utf8');
  const r = await fetch(source, { signal: AbortSignal.timeout(120_000) });
  if (!r.ok) throw new Error(`GET ${source}: HTTP ${r.status}`);
  return r.text();
}

/** The store the script reads, found or started as the header says. */
async function withStore<T>(run: (deps: ReturnType<typeof buildDeps>) => Promise<T>): Promise<T> {
  const root = resolve(__dirname, '..');
  const config = storeConfigFromEnv();
  let local: DynamoDbLocal | undefined;
  if (!config.endpoint && !process.env.AWS_REGION) {
    const file = join(root, '.data', 'endpoint');
    if (existsSync(file)) config.endpoint = readFileSync(file, 'utf8').trim();
    else {
      local = await startDynamoDbLocal({ dbPath: join(root, '.data', 'dynamodb') });
      config.endpoint = local.endpoint;
    }
  }
  const db = createDocumentClient(config);
  try {
    return await run(buildDeps(db, config.tableName, randomSecrets(), process.env));
  } finally {
    db.destroy();
    await local?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
    process.exit(2);
  },
);
