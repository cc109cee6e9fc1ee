/**
 * `npm run score -- <facts.json>`: scores one round offline with the same engine the results
 * endpoint uses, so a supervisor can reproduce a published table. The file names a preset
 * (`"scheme": "ganquan"`) or carries a whole scheme inline, plus the round's facts; the format
 * is in docs/scoring.md. Prints the results JSON; on bad input prints every problem to stderr
 * and exits 2.
 */
import { readFileSync } from 'node:fs';
import { getSchemePreset, SCHEME_PRESET_IDS } from '../shared/schemes';
import { Scheme, scoreRound, ScoringInputError } from '../shared/scoring';

function fail(lines: string[]): never {
  process.stderr.write(`score: ${lines.join('\n  ')}\n`);
  process.exit(2);
}

const path = process.argv.slice(2).find((a) => a !== '--');
if (!path) fail(['usage: npm run score -- <facts.json>  (format: docs/scoring.md#facts-file)']);

let text: string;
try {
  text = readFileSync(path, 'utf8');
} catch (e) {
  fail([`cannot read ${path}: ${(e as Error).message}`]);
}

let file: unknown;
try {
  file = JSON.parse(text);
} catch (e) {
  fail([`${path} is not valid JSON: ${(e as Error).message}`]);
}
if (typeof file !== 'object' || file === null || !('scheme' in file) || !('facts' in file)) {
  fail([`${path} must be an object with "scheme" (a preset id or a scheme) and "facts"`]);
}
const { scheme: schemeField, facts } = file as { scheme: unknown; facts: unknown };

let scheme: Scheme;
if (typeof schemeField === 'string') {
  const preset = getSchemePreset(schemeField);
  if (!preset) fail([`unknown scheme "${schemeField}"; presets: ${SCHEME_PRESET_IDS.join(', ')}`]);
  scheme = preset;
} else {
  const parsed = Scheme.safeParse(schemeField);
  if (!parsed.success) fail(['the inline scheme is invalid:', ...parsed.error.issues.map((i) => `scheme.${i.path.join('.')}: ${i.message}`)]);
  scheme = parsed.data;
}

try {
  const result = scoreRound(scheme, facts as Parameters<typeof scoreRound>[1]);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} catch (e) {
  if (e instanceof ScoringInputError) fail(['the facts do not fit the scheme:', ...e.problems.map((p) => `facts: ${p}`)]);
  throw e;
}
