import PDFDocument from 'pdfkit';
import { create as createQr } from 'qrcode/lib/core/qrcode';
import { loadFont } from './font';

export type Doc = PDFKit.PDFDocument;

/** A4 in points, and the margin every page keeps. */
export const A4 = { width: 595.28, height: 841.89, margin: 48 } as const;
export const FONT = 'cjk';

/**
 * A4 document with the CJK font registered (embedded as a subset), pages added by `draw`, bytes
 * collected into one Buffer. `info` lands in the PDF's metadata (title, subject).
 */
export async function renderPdf(info: { title: string; subject: string }, draw: (doc: Doc) => void): Promise<Buffer> {
  const font = loadFont();
  const doc = new PDFDocument({ size: 'A4', margin: A4.margin, autoFirstPage: false, info: { Title: info.title, Subject: info.subject, Creator: '群众评议' }, compress: true,
    // No Helvetica at start: pdfkit's standard-font files are not in the Lambda bundle
    // (scripts/lambda/trims.ts), and every text on our pages is in the CJK font.
    font: null as unknown as string,
  });
  // A collection (.ttc) needs the face's PostScript name; a single font does not.
  if (font.face) doc.registerFont(FONT, font.bytes, font.face);
  else doc.registerFont(FONT, font.bytes);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

/** A QR code drawn as vector squares (sharp at any print size), `size` points wide, top-left at (x, y). */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = createQr(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  // The quiet zone (4 modules) is part of the size, so a scanner finds the code on any paper.
  const cell = size / (n + 8);
  doc.save().fillColor('#000');
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x + (c + 4) * cell, y + (r + 4) * cell, cell, cell);
  doc.fill().restore();
}

/** An empty tick box with its label after it; returns the x where the next one may start. */
export function tickBox(doc: Doc, label: string, x: number, y: number, fontSize: number): number {
  const box = fontSize * 0.9;
  doc.save().lineWidth(0.8).rect(x, y + fontSize * 0.1, box, box).stroke().restore();
  doc.font(FONT).fontSize(fontSize).text(label, x + box + 4, y, { lineBreak: false });
  return x + box + 4 + doc.widthOfString(label) + fontSize * 1.5;
}
