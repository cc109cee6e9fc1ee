import fc from 'fast-check';
import { contentDisposition, downloadName } from '../../functions/src/http/content-disposition';

/** Splits the header the way an RFC 6266 parser does: the quoted fallback, then filename*. */
function parse(header: string): { fallback: string; extended: string } {
  const m = /^attachment; filename="((?:[^"\\]|\\.)*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]*)$/.exec(header);
  if (!m) throw new Error(`not an RFC 6266 header: ${JSON.stringify(header)}`);
  return { fallback: m[1]!, extended: decodeURIComponent(m[2]!) };
}

const HOSTILE = [
  '评议结果"; filename="evil.exe',
  'a\\"b.csv',
  'back\\slash\\.xlsx',
  'line\r\nSet-Cookie: x=1.csv',
  '..\\..\\windows\\system32.csv',
  '../../etc/passwd',
  "it's (a) *test*!.csv",
  '%22quoted%22.csv',
  'nul\u0000byte.csv',
  'rtl\u202Egpj.exe',
  'lone\uD800surrogate.csv',
  '',
  '"',
  '\\',
];

it.each(HOSTILE.map((n) => [JSON.stringify(n), n]))('keeps the hostile name %s inside its parameters', (_label, name) => {
  const header = contentDisposition(name);
  expect(header).not.toMatch(/[\r\n\u0000-\u001f\u007f]/);
  const { fallback, extended } = parse(header);
  expect(fallback).not.toMatch(/["\\%/]|[^\x20-\x7e]/);
  expect(extended).toBe(downloadName(name));
  expect(extended).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
});

it('drops controls and bidi overrides from the offered name, and mends lone surrogates', () => {
  expect(downloadName('rtl\u202Egpj.exe')).toBe('rtlgpj.exe');
  expect(downloadName('a\r\nb\u0000c.csv')).toBe('abc.csv');
  expect(downloadName('lone\uD800x')).toBe('lone\uFFFDx');
  expect(downloadName('x'.repeat(199) + '😀')).toBe('x'.repeat(199) + '\uFFFD');
});

it('round-trips any name through filename* and keeps the fallback a plain quoted-string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (name) => {
      const { fallback, extended } = parse(contentDisposition(name));
      expect(fallback).not.toMatch(/["\\%/]|[^\x20-\x7e]/);
      expect(extended).toBe(downloadName(name));
      expect(() => encodeURIComponent(extended)).not.toThrow();
    }),
    { numRuns: 2000 },
  );
});

it('keeps a plain Chinese file name readable in filename* and ASCII in the fallback', () => {
  expect(contentDisposition('测试轮次评议结果-第1版.xlsx')).toBe(`attachment; filename="________-_1_.xlsx"; filename*=UTF-8''${encodeURIComponent('测试轮次评议结果-第1版.xlsx')}`);
});
