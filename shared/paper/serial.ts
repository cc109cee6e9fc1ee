/**
 * Printed-form serials (编号). A serial is 11 random symbols and a check symbol, printed in
 * groups of four (`7K2M-9XPQ-4D1C`): a clerk who mistypes one symbol or swaps two different
 * neighbours (the check symbol included) is told at once instead of keying a form onto someone
 * else's serial. The symbols are Crockford base32's, which has no I, L, O or U, so what a clerk
 * reads as 0/O or 1/I/L is the same symbol.
 *
 * The check is a position-weighted sum mod 31. 31 is prime and no weight (1–11) is a multiple
 * of it, so a changed symbol or a swapped pair changes the sum — provided no two symbols are
 * equal mod 31. Of Crockford's 32 symbols, 0 and Z are (0 ≡ 31), so Z is never in a serial: a
 * body symbol Z becomes 0 when the serial is made, and a typed Z is refused. Z→0 leaves ≈ 54.9
 * random bits in the body.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The 31 symbols a serial uses: Crockford's without Z. */
const SYMBOLS = CROCKFORD.slice(0, 31);
const BODY = 11;

function checkSymbol(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * SYMBOLS.indexOf(body[i]!);
  return SYMBOLS[sum % 31]!;
}

/**
 * A serial from 11 random Crockford symbols (e.g. `ids.shortId(11)`), Z read as 0, check symbol added.
 * @example serialFrom('7K2M9XPQ4D1') // '7K2M9XPQ4D1' + its check symbol
 */
export function serialFrom(body: string): string {
  const b = body.toUpperCase();
  if (b.length !== BODY || [...b].some((c) => !CROCKFORD.includes(c))) throw new Error(`a serial body is ${BODY} Crockford base32 symbols`);
  const kept = b.replace(/Z/g, '0');
  return kept + checkSymbol(kept);
}

/**
 * The serial as printed: groups of four.
 * @example displaySerial('7K2M9XPQ4D1C') === '7K2M-9XPQ-4D1C'
 */
export function displaySerial(serial: string): string {
  return serial.match(/.{1,4}/g)!.join('-');
}

/**
 * What a clerk typed or a scanner sent, as a serial, or undefined when it is not one. Accepts the
 * printed form (dashes, spaces, lower case, O for 0, I/L for 1) and the form's QR link
 * (`…?serial=7K2M-9XPQ-4D1C`), which is what a USB scanner types.
 * @example parseSerial('7k2m-9xpq-4d1c') === '7K2M9XPQ4D1C'
 * @example parseSerial('https://x/#/public/pages/paper/index?serial=7K2M-9XPQ-4D1C') === '7K2M9XPQ4D1C'
 */
export function parseSerial(input: string): string | undefined {
  const fromLink = /[?&]serial=([^&#\s]+)/.exec(input);
  const raw = fromLink ? decodeURIComponent(fromLink[1]!) : input;
  const s = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== BODY + 1 || [...s].some((c) => !SYMBOLS.includes(c))) return undefined;
  return checkSymbol(s.slice(0, BODY)) === s[BODY] ? s : undefined;
}

/** The link a form's QR carries: a citizen who prefers the phone answers there, once. */
export function serialLink(publicBaseUrl: string, serial: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/#/public/pages/paper/index?serial=${displaySerial(serial)}`;
}
