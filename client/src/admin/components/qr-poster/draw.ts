// The pure encoder only: the package's renderers pull in Node and DOM code we do not need.
import { create } from 'qrcode/lib/core/qrcode';

export type PosterText = { unit: string; section?: string; window: string; code: string };

type Ctx = {
  fillStyle: string | unknown;
  font: string;
  textAlign: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(t: string, x: number, y: number): void;
};

export const POSTER = { width: 600, height: 860 };

/**
 * Draws a printable window poster on any 2d context (H5 canvas or a WeChat canvas node):
 * title, unit, section, window, the QR of the rating link, and the typed-in code under it.
 */
export function drawPoster(ctx: Ctx, url: string, text: PosterText): void {
  const { width, height } = POSTER;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#b71c1c';
  ctx.fillRect(0, 0, width, 120);
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.font = 'bold 44px sans-serif';
  ctx.fillText('请为我们的服务评价', width / 2, 78);

  ctx.fillStyle = '#222222';
  ctx.font = 'bold 40px sans-serif';
  ctx.fillText(text.unit, width / 2, 180);
  ctx.font = '32px sans-serif';
  if (text.section) ctx.fillText(text.section, width / 2, 228);
  ctx.font = 'bold 36px sans-serif';
  ctx.fillText(text.window, width / 2, 278);

  const qr = create(url, { errorCorrectionLevel: 'M' });
  const n: number = qr.modules.size;
  const box = 400;
  const cell = Math.floor(box / (n + 8));
  const side = cell * (n + 8);
  const x0 = (width - side) / 2 + cell * 4;
  const y0 = 310 + cell * 4;
  ctx.fillStyle = '#000000';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) ctx.fillRect(x0 + c * cell, y0 + r * cell, cell, cell);

  ctx.fillStyle = '#444444';
  ctx.font = '28px sans-serif';
  ctx.fillText('微信扫一扫，评价本窗口服务', width / 2, 310 + side + 50);
  ctx.font = '24px monospace';
  ctx.fillText(`评价码 ${text.code}`, width / 2, 310 + side + 92);
}
