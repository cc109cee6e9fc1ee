import type { SchemeDetail } from '../../../api/schemes';

/**
 * The version shown, as the file `npm run score -- <facts> --scheme-file <file>` reads: exactly the
 * API's answer for that version (`GET /api/admin/schemes/:id?version=N`), digest included, so an
 * office scores offline by its own county's version and an edited file is refused.
 * @example schemeFile(detail).name // 'tonghe-2027-第2版.json'
 */
export function schemeFile(detail: SchemeDetail): { name: string; text: string } {
  return { name: `${detail.scheme.schemeId}-第${detail.scheme.version}版.json`, text: `${JSON.stringify(detail, null, 2)}\n` };
}

/** Hands the file to the browser (H5 only; the mini-program has no file downloads). */
export function downloadSchemeFile(detail: SchemeDetail): string {
  const { name, text } = schemeFile(detail);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
