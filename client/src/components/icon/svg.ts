/**
 * The ballot's pictures as SVG, so a face looks the same on every phone (an emoji depends on the
 * phone's font, and old phones draw 🙂 as a box). Pure strings; `svgDataUri` makes an <Image> src
 * that works in both WeChat and the browser.
 */

/** Face colours from worst (1) to best (5); the outline and features are dark for contrast. */
const FACE_FILL = ['#f4b4ae', '#f9cf9c', '#fbe49a', '#cfe8a9', '#a9dcb4'];
/** Mouth curve control-point height per level: frown … broad smile. */
const MOUTH = [-9, -5, 0, 5, 9];

/**
 * A face for level 1–5 of a satisfaction scale.
 * @example faceSvg(5) // '<svg …>…</svg>' with a broad smile
 */
export function faceSvg(level: number): string {
  const i = Math.min(5, Math.max(1, Math.round(level))) - 1;
  const y = 44 - MOUTH[i]! / 3;
  const mouth = i === 2 ? `M19 ${y}H45` : `M19 ${y}Q32 ${y + MOUTH[i]! * 1.6} 45 ${y}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
    `<circle cx="32" cy="32" r="29" fill="${FACE_FILL[i]}" stroke="#3a3a3a" stroke-width="3"/>` +
    `<circle cx="22" cy="26" r="4" fill="#3a3a3a"/><circle cx="42" cy="26" r="4" fill="#3a3a3a"/>` +
    `<path d="${mouth}" fill="none" stroke="#3a3a3a" stroke-width="4" stroke-linecap="round"/></svg>`
  );
}

/** A check box, ticked or empty. */
export function boxSvg(checked: boolean): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">` +
    `<rect x="3" y="3" width="34" height="34" rx="6" fill="${checked ? '#b71c1c' : '#fff'}" stroke="${checked ? '#b71c1c' : '#555'}" stroke-width="3"/>` +
    (checked ? `<path d="M10 21l7 7 13-15" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>` : '') +
    `</svg>`
  );
}

/** A five-pointed star, filled or outlined. */
export function starSvg(filled: boolean): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">` +
    `<path d="M24 3l6.2 13.3 14.6 1.7-10.8 10 2.9 14.4L24 35.2 11.1 42.4 14 28 3.2 18l14.6-1.7z" fill="${filled ? '#e69500' : '#fff'}" stroke="${filled ? '#a86b00' : '#767676'}" stroke-width="3" stroke-linejoin="round"/></svg>`
  );
}

/**
 * An <Image> src for an SVG string.
 * @example svgDataUri('<svg/>') // 'data:image/svg+xml;charset=utf-8,%3Csvg%2F%3E'
 */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
