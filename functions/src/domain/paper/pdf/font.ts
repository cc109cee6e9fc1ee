import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '@shared/errors';

/**
 * The CJK font printed forms and letters embed (a subset of it: only the glyphs a PDF uses).
 * Where it comes from, first found wins:
 *  1. `PDF_FONT_PATH` (a .ttf, .otf or .ttc; for a .ttc, `PDF_FONT_NAME` names the face by its
 *     PostScript name) — any deployment can point at its own font;
 *  2. `/opt/fonts/cjk.ttf` or `/opt/fonts/cjk.ttc`: a Lambda layer unpacks under /opt
 *     (docs/deploy.md, "The PDF font");
 *  3. `fonts/cjk.ttf` beside the running bundle: the font shipped as an asset of the function;
 *  4. the system's WenQuanYi Micro Hei (Debian fonts-wqy-microhei, what .ci/run installs) or
 *     Noto Sans CJK.
 * The font stays out of the JavaScript bundles: the 1 MB limit is for code.
 */
export interface FontSource {
  path: string;
  /** PostScript name of the face inside a collection (.ttc); undefined for a single font. */
  face?: string;
}

const SYSTEM_FONTS: FontSource[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
];

/**
 * The candidates in order, for `env` and a bundle living in `codeDir`.
 * @example fontCandidates({ PDF_FONT_PATH: '/f/a.ttc', PDF_FONT_NAME: 'A' }, '/var/task')[0] // { path: '/f/a.ttc', face: 'A' }
 */
export function fontCandidates(env: Record<string, string | undefined>, codeDir: string): FontSource[] {
  const named: FontSource[] = env.PDF_FONT_PATH ? [{ path: env.PDF_FONT_PATH, ...(env.PDF_FONT_NAME ? { face: env.PDF_FONT_NAME } : {}) }] : [];
  const face = env.PDF_FONT_NAME ? { face: env.PDF_FONT_NAME } : {};
  return [
    ...named,
    { path: '/opt/fonts/cjk.ttf' },
    { path: '/opt/fonts/cjk.ttc', ...face },
    { path: join(codeDir, 'fonts', 'cjk.ttf') },
    ...SYSTEM_FONTS,
  ];
}

/** The first candidate that exists, or PDF_FONT_MISSING (503: the office is told to call the administrator). */
export function resolveFont(env: Record<string, string | undefined>, codeDir: string, exists: (p: string) => boolean = existsSync): FontSource {
  const named = env.PDF_FONT_PATH;
  // A named font that is missing is a deployment mistake: say so rather than print in another font.
  if (named && !exists(named)) throw new AppError('PDF_FONT_MISSING', { path: named });
  const found = fontCandidates(env, codeDir).find((c) => exists(c.path));
  if (!found) throw new AppError('PDF_FONT_MISSING', { tried: fontCandidates(env, codeDir).map((c) => c.path) });
  return found;
}

let loaded: { key: string; font: FontSource & { bytes: Buffer } } | undefined;

/** The font's bytes, read once per process (a warm Lambda container reuses them). */
export function loadFont(env: Record<string, string | undefined> = process.env): FontSource & { bytes: Buffer } {
  const source = resolveFont(env, codeDirectory());
  const key = `${source.path}|${source.face ?? ''}`;
  if (loaded?.key !== key) loaded = { key, font: { ...source, bytes: readFileSync(source.path) } };
  return loaded.font;
}

function codeDirectory(): string {
  // The bundle's own folder in Lambda (/var/task); the project root elsewhere.
  return typeof __dirname === 'string' ? __dirname : dirname(process.argv[1] ?? '.');
}
