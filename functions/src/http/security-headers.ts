import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

/**
 * Security headers: every response of the function (API JSON, downloads, print HTML, errors)
 * and the H5 client when the local server serves it. In production the H5 client comes from a
 * CDN, which must send the H5 policy itself (docs/deploy.md, "Security headers").
 *
 *  - nosniff: a JSON error echoing hostile text, or an uploaded evidence file, is never run as
 *    script or style because a browser guessed its type.
 *  - frame-ancestors 'none' + X-Frame-Options DENY (older WebViews): no page of ours inside
 *    another site's frame (clickjacking a "publish" or "void" button).
 *  - Referrer-Policy no-referrer: links carry tokens (`/rate?t=…`, invitation links); leaving our
 *    pages must not hand them to the next site.
 *  - HSTS: browsers ignore it over plain HTTP (local runs), and it pins HTTPS in production.
 */
const COMMON: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000',
  'cross-origin-opener-policy': 'same-origin',
};

/** API answers are data, never documents: nothing in them may load or run anything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** HTML documents the API renders (the print list, exports/print.ts): one inline <style>, no scripts, no images, no requests. */
export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The H5 client's policy. Scripts: our own files plus the one inline script Taro writes into
 * index.html (the rem sizer), allowed by its hash so no other inline script runs. Styles: our
 * files plus inline (Taro's components set style attributes). Images from data:/blob: (QR codes,
 * evidence previews). `connect` is where the API is: 'self' locally; in production add the API
 * origin and the evidence bucket's origin (docs/deploy.md).
 * @example h5Csp(['abc='], ['https://api.example.gov.cn'])
 */
export function h5Csp(inlineScriptHashes: readonly string[], connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self'${inlineScriptHashes.map((h) => ` 'sha256-${h}'`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connect.map((c) => ` ${c}`).join('')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** SHA-256 (base64) of each inline <script> of an HTML page, for a `script-src` hash list. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => createHash('sha256').update(m[1]!, 'utf8').digest('base64'));
}

/** The first middleware: the common headers and the API policy, on every response. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of Object.entries(COMMON)) res.setHeader(name, value);
  res.setHeader('content-security-policy', API_CSP);
  next();
};

/** A route answering an HTML document replaces the API policy with the one that document needs. */
export function setDocumentPolicy(res: Response, csp: string): void {
  res.setHeader('content-security-policy', csp);
}
