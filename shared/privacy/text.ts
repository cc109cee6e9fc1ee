import { z } from 'zod';

/**
 * Characters that never belong in citizen text: C0 controls except the newline, DEL and the C1
 * controls, the bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069, which can
 * make a comment read differently from what it says), zero-width characters (U+200B–U+200F,
 * U+2060, U+FEFF: they hide inside numbers to dodge the scrubber) and lone surrogates (not
 * text at all; some stores and fonts choke on them). A tab becomes a space and CR LF a newline.
 */
const UNWANTED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Citizen text as it may be stored and shown: unwanted characters removed.
 * @example cleanCitizenText('差\u202e评\u0000') // '差评'
 */
export function cleanCitizenText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(UNWANTED, '');
}

/**
 * A zod string for citizen text (ballot comments, sheet comments and notes): cleaned first, then
 * held to `max` characters. `overwrite` keeps the type a plain string, so OpenAPI still says so.
 * @example CitizenText(500).parse('好\u0007') // '好'
 */
export const CitizenText = (max: number) => z.string().overwrite(cleanCitizenText).max(max);
