/**
 * qrcode's encoder alone (lib/core/qrcode.js): `create` is all the forms use, and importing the
 * package's main entry would also bundle its PNG, SVG and terminal renderers into the paper
 * function. Same signature as `QRCode.create` in @types/qrcode.
 */
declare module 'qrcode/lib/core/qrcode' {
  import type { QRCode, QRCodeOptions } from 'qrcode';
  export function create(text: string, options?: QRCodeOptions): QRCode;
}
