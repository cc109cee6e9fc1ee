/**
 * `npm run score -- <facts.json | facts.xlsx>`: scores one round offline with the same engine the
 * results endpoint uses, so a supervisor can reproduce a published table.
 *
 * - A JSON file names a preset (`"scheme": "ganquan"`) or carries a whole scheme inline, plus the
 *   round's facts (the format tools write; docs/scoring.md#facts-file).
 * - An .xlsx is the workbook a clerk fills in (Chinese headers, one sheet per kind of input;
 *   docs/scoring.md#input-workbook). Its scheme is the preset named in 本轮信息 (评议方案), or
 *   `--scheme <preset id | scheme.json>`.
 * - `--template <preset id | scheme.json> --out <file.xlsx> [--facts <facts.json>]` writes that
 *   workbook for a scheme, empty or filled from a JSON facts file.
 * - `--scheme-file <file>`: score by a county's own stored scheme version, the file the editor's
 *   下载方案文件 saves (the body of `GET /api/admin/schemes/:id?version=N`: `{ scheme: { schemeId,
 *   version, body, digest, … } }`). Its digest is checked, so an edited file is refused. It decides
 *   the scheme: the facts file needs only `facts` (or is the facts object itself), a workbook no
 *   评议方案 row, and a scheme they do name is left aside with a note on stderr.
 *
 * Prints the results JSON; on bad input prints every problem to stderr (for a workbook each names
 * its sheet, row and column in Chinese) and exits 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { getSchemePreset, SCHEME_PRESET_IDS } from '../shared/schemes';
import { RoundFacts, Scheme, scoreRound, ScoringInputError } from '../shared/scoring';
import { factsWorkbook, inputsWorkbook } from '../shared/target-inputs/workbook-template';
import { readFactsWorkbook } from '../shared/target-inputs/workbook-facts';
import { SHEETS, cellText, type ReadWorkbook } from '../shared/target-inputs/workbook';
import { ROUND_INFO } from '../shared/target-inputs/workbook-layout';
import { readWorkbook, writeWorkbook } from '../functions/src/domain/target-inputs/xlsx-io';
import { bodyDigest } from '../functions/src/domain/schemes/resolve';

const USAGE = [
  'usage: npm run score -- <facts.json>  (format: docs/scoring.md#facts-file)',
  '       npm run score -- <facts.json | facts.xlsx> --scheme-file <scheme-version.json>  (a stored version, as downloaded)',
  '       npm run score -- <facts.xlsx> [--scheme <preset id | scheme.json>]',
  '       npm run score -- --template <preset id | scheme.json> --out <file.xlsx> [--facts <facts.json>]',
];

function fail(lines: string[]): never {
  process.stderr.write(`score: ${lines.join('\n  ')}\n`);
  process.exit(2);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    fail([`cannot read ${path}: ${(e as Error).message}`]);
  }
}

function parseJson(path: string, text = readText(path)): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    fail([`${path} is not valid JSON: ${(e as Error).message}`]);
  }
}

/** A preset id, an inline scheme object, or a JSON file holding a scheme (or `{ scheme }`). */
function resolveScheme(field: unknown, where = 'scheme'): Scheme {
  if (typeof field === 'string' && !field.endsWith('.json')) {
    const preset = getSchemePreset(field);
    if (!preset) fail([`unknown scheme "${field}"; presets: ${SCHEME_PRESET_IDS.join(', ')}`]);
    return preset as Scheme;
  }
  let body = typeof field === 'string' ? parseJson(field) : field;
  if (typeof body === 'object' && body !== null && 'scheme' in body && typeof (body as { scheme: unknown }).scheme === 'object') body = (body as { scheme: unknown }).scheme;
  const parsed = Scheme.safeParse(body);
  if (!parsed.success) fail([`the ${where === 'scheme' ? 'inline scheme' : where} is invalid:`, ...parsed.error.issues.map((i) => `scheme.${i.path.join('.')}: ${i.message}`)]);
  return parsed.data;
}

/**
 * A stored scheme version from its file: the API's answer for a version (`{ scheme: StoredScheme,
 * versions? }`) or the StoredScheme itself. The body must still hash to the version's digest, so
 * the numbers are those of the county's version and nothing else; stderr names the version.
 */
function storedSchemeFile(path: string): Scheme {
  const file = parseJson(path) as { scheme?: unknown } | null;
  const stored = (file && typeof file === 'object' && file.scheme && typeof file.scheme === 'object' ? file.scheme : file) as { schemeId?: unknown; version?: unknown; name?: unknown; body?: unknown; digest?: unknown } | null;
  if (!stored || typeof stored !== 'object' || typeof stored.body !== 'object' || stored.body === null || typeof stored.version !== 'number') {
    fail([`${path}: 不是方案文件（应为方案编辑页“下载方案文件”保存的文件，或 GET /api/admin/schemes/<id>?version=<n> 的返回内容：{ scheme: { schemeId, version, body, digest } }）`]);
  }
  if (typeof stored.digest !== 'string') fail([`${path}: 方案文件缺少摘要（digest），无法确认是哪一版`]);
  if (bodyDigest(stored.body as Scheme) !== stored.digest) fail([`${path}: 方案内容与摘要不符，文件可能被改动过；请重新下载第${stored.version}版`]);
  const parsed = Scheme.safeParse(stored.body);
  if (!parsed.success) fail([`${path}: the scheme body is invalid:`, ...parsed.error.issues.map((i) => `scheme.${i.path.join('.')}: ${i.message}`)]);
  process.stderr.write(`score: 评议方案 ${String(stored.schemeId ?? parsed.data.id)} 第${stored.version}版（${String(stored.name ?? parsed.data.name)}）\n`);
  return parsed.data;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) fail([`${name} needs a value`, ...USAGE]);
  return v;
}

function score(scheme: Scheme, facts: unknown): void {
  try {
    const result = scoreRound(scheme, facts as Parameters<typeof scoreRound>[1]);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } catch (e) {
    if (e instanceof ScoringInputError) fail(['the facts do not fit the scheme:', ...e.problems.map((p) => `facts: ${p}`)]);
    throw e;
  }
}

async function writeTemplate(args: string[]): Promise<void> {
  const scheme = resolveScheme(option(args, '--template'), '--template scheme');
  const out = option(args, '--out');
  if (!out || !out.endsWith('.xlsx')) fail(['--out <file.xlsx> is required with --template', ...USAGE]);
  const factsPath = option(args, '--facts');
  let model;
  if (factsPath) {
    const file = parseJson(factsPath) as { facts?: unknown };
    const parsed = RoundFacts.safeParse(file?.facts ?? file);
    if (!parsed.success) fail([`${factsPath}: the facts are invalid:`, ...parsed.error.issues.map((i) => `facts.${i.path.join('.')}: ${i.message}`)]);
    try {
      model = factsWorkbook(scheme, parsed.data);
    } catch (e) {
      fail([`${factsPath}: ${(e as Error).message}`]);
    }
  } else model = inputsWorkbook(scheme, [], { mode: 'facts' });
  // A fixed time: the same scheme and facts always make the same file.
  writeFileSync(out, await writeWorkbook(model, new Date('2000-01-01T00:00:00Z')));
  process.stderr.write(`score: wrote ${out} (${model.sheets.map((s) => s.name).join('、')})\n`);
}

async function scoreWorkbook(path: string, args: string[]): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    fail([`cannot read ${path}: ${(e as Error).message}`]);
  }
  const read = await readWorkbook(bytes);
  if ('problem' in read) fail([`${path}: ${read.problem.message}`]);
  const schemeFile = option(args, '--scheme-file');
  const named = schemeFile ? undefined : (option(args, '--scheme') ?? schemeNamedIn(read.book));
  if (!schemeFile && !named) fail([`${path}: 工作表“${SHEETS.round}”没有写“${ROUND_INFO.scheme}”，请用 --scheme <preset id | scheme.json> 或 --scheme-file <方案文件> 指定评议方案`]);
  const scheme = schemeFile ? storedSchemeFile(schemeFile) : resolveScheme(named);
  const inBook = schemeNamedIn(read.book);
  if (schemeFile && inBook && inBook !== scheme.id) process.stderr.write(`score: 工作簿写的评议方案（${inBook}）不用，按 --scheme-file 计分\n`);
  const { facts, problems } = readFactsWorkbook(scheme, read.book);
  if (problems.length > 0) fail([`${path}: 有 ${problems.length} 处错误，未计算：`, ...problems.map((p) => `${p.code} ${p.message}`)]);
  score(scheme, facts);
}

function schemeNamedIn(book: ReadWorkbook): string | undefined {
  const row = book.sheets.find((s) => s.name === SHEETS.round)?.rows.find((r) => cellText(r[0] ?? null) === ROUND_INFO.scheme);
  return row ? cellText(row[1] ?? null) || undefined : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.includes('--template')) return writeTemplate(args);
  const path = args.find((a, i) => !a.startsWith('--') && !(i > 0 && ['--scheme', '--scheme-file'].includes(args[i - 1]!)));
  if (!path) fail(USAGE);
  if (path.endsWith('.xlsx')) return scoreWorkbook(path, args);
  const file = parseJson(path);
  const schemeFile = option(args, '--scheme-file');
  if (schemeFile) {
    const scheme = storedSchemeFile(schemeFile);
    const named = typeof file === 'object' && file !== null && 'scheme' in file ? (file as { scheme: unknown }).scheme : undefined;
    // The version file decides; a different scheme named in the facts is said, not silently used.
    if (named !== undefined && named !== scheme.id) process.stderr.write(`score: 事实文件指定的方案（${typeof named === 'string' ? named : '内嵌方案'}）不用，按 --scheme-file 计分\n`);
    return score(scheme, typeof file === 'object' && file !== null && 'facts' in file ? (file as { facts: unknown }).facts : file);
  }
  if (typeof file !== 'object' || file === null || !('scheme' in file) || !('facts' in file)) {
    fail([`${path} must be an object with "scheme" (a preset id or a scheme) and "facts"`]);
  }
  const { scheme, facts } = file as { scheme: unknown; facts: unknown };
  score(resolveScheme(scheme), facts);
}

void main();
