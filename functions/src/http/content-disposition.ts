/**
 * `Content-Disposition: attachment` for a download name we do not fully control (round names,
 * evidence file names): RFC 6266 with an ASCII fallback for old clients and the exact name as
 * RFC 8187 (ex-5987) `filename*`.
 *
 * The fallback is a quoted-string, so `"` and `\` would end or escape it; controls (CR/LF would
 * split the header), `%` (some browsers percent-decode the fallback), path separators and
 * anything outside printable ASCII become `_`. `filename*` percent-encodes every byte that is
 * not an RFC 8187 attr-char: encodeURIComponent leaves `'()*!` alone, and `'` is the delimiter
 * of the charset and language parts, so those are encoded too.
 * Controls and bidirectional overrides are dropped from the name itself: `rtl\u202Egpj.exe`
 * would show as a picture and save as a program.
 * @example contentDisposition('评议"结果".xlsx') // attachment; filename="____.xlsx"; filename*=UTF-8''%E8%AF%84...
 */
export function contentDisposition(filename: string): string {
  const name = downloadName(filename);
  const fallback = name.replace(/[^\x20-\x7e]|["\\%/]/gu, '_').trim() || 'download';
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The name as it is offered: NFC, at most 200 code units, no controls or bidi overrides, well-formed UTF-16. */
export function downloadName(filename: string): string {
  return (
    filename
      .normalize('NFC')
      .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .slice(0, 200)
      // A lone surrogate (or one left by the cut) would make encodeURIComponent throw.
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  );
}
