import type { BallotForm } from '@shared/model/form';
import { ENVELOPE_TEXT, PAPER_KIND_RULES, type PaperKind } from '@shared/paper/kinds';
import { displaySerial, serialLink } from '@shared/paper/serial';
import { A4, FONT, drawQr, renderPdf, tickBox, type Doc } from './document';

/** One printed form: everything on the page comes from here, nothing from a template per county. */
export interface PrintedForm {
  serial: string;
  kind: PaperKind;
  roundName: string;
  periodLabel: string;
  /** The target in full: 单位 · 科室 · 窗口. */
  targetName: string;
  form: BallotForm;
}

/**
 * Print-ready A4 forms, one page per serial: the serial and its QR (the link a citizen may answer
 * on instead, once), the target in full, the items with boxes to tick, the comment lines, the
 * date line of dated sheets, and for 甘泉's envelope forms the envelope text.
 * @example await formsPdf('https://pingyi.example', [{ serial: '7K2M9XPQ4D1C', kind: 'envelope', … }])
 */
export function formsPdf(publicBaseUrl: string, forms: PrintedForm[]): Promise<Buffer> {
  const title = forms[0] ? `${forms[0].roundName} 纸质测评表` : '纸质测评表';
  return renderPdf({ title, subject: `${forms.length} 份，每份一个编号` }, (doc) => {
    for (const f of forms) formPage(doc, publicBaseUrl, f);
  });
}

function formPage(doc: Doc, base: string, f: PrintedForm): void {
  doc.addPage();
  const left = A4.margin;
  const width = A4.width - 2 * A4.margin;
  const qrSize = 96;
  const qrX = A4.width - A4.margin - qrSize;
  drawQr(doc, serialLink(base, f.serial), qrX, A4.margin - 8, qrSize);
  doc.font(FONT).fontSize(10).text(`编号 ${displaySerial(f.serial)}`, qrX - 20, A4.margin + qrSize - 6, { width: qrSize + 20, align: 'center' });

  const textWidth = width - qrSize - 16;
  doc.fontSize(17).text(f.form.title, left, A4.margin, { width: textWidth });
  doc.moveDown(0.4).fontSize(10.5).fillColor('#333').text(`评议轮次：${f.roundName}（${f.periodLabel}）`, { width: textWidth });
  doc.fontSize(12).fillColor('#000').text(`评议对象：${f.targetName}`, { width: textWidth });
  doc.fontSize(9.5).fillColor('#333').text(`表别：${PAPER_KIND_RULES[f.kind].label}`, { width: textWidth });
  doc.fillColor('#000');
  doc.y = Math.max(doc.y, A4.margin + qrSize + 18);
  if (f.form.intro) doc.fontSize(10.5).text(f.form.intro, left, doc.y, { width });
  doc.moveDown(0.6);

  f.form.items.forEach((item, i) => {
    doc.fontSize(11.5).text(`${i + 1}. ${item.label}${item.kind === 'multi' ? '（可多选）' : ''}`, left, doc.y, { width });
    doc.moveDown(0.25);
    let x = left + 14;
    const y = doc.y;
    let rowY = y;
    for (const o of item.options) {
      const need = doc.fontSize(11).widthOfString(o.label) + 34;
      if (x + need > left + width) {
        x = left + 14;
        rowY += 18;
      }
      x = tickBox(doc, o.label, x, rowY, 11);
    }
    doc.x = left;
    doc.y = rowY + 22;
  });

  if (f.form.comment) {
    doc.fontSize(11.5).text('意见和建议：', left, doc.y + 4);
    const top = doc.y + 4;
    for (let l = 1; l <= 3; l++) doc.save().lineWidth(0.5).strokeColor('#888').moveTo(left, top + l * 22).lineTo(left + width, top + l * 22).stroke().restore();
    doc.y = top + 3 * 22 + 12;
  }
  if (PAPER_KIND_RULES[f.kind].dated) doc.fontSize(11).text('填表日期：________年____月____日', left, doc.y + 4);

  if (f.kind === 'envelope') {
    const boxTop = Math.max(doc.y + 16, A4.height - A4.margin - 150);
    doc.save().lineWidth(1).dash(4, { space: 3 }).rect(left, boxTop, width, 100).stroke().undash().restore();
    doc.fontSize(13).text(ENVELOPE_TEXT.heading, left + 12, boxTop + 10, { width: width - 24, align: 'center' });
    doc.fontSize(10);
    for (const line of ENVELOPE_TEXT.lines) doc.text(line, left + 12, doc.y + 3, { width: width - 24 });
  }
  doc.fontSize(8.5).fillColor('#555').text('一表一号，复印无效。也可用手机扫描右上角二维码在线填写，纸质和在线只计一次。', left, A4.height - A4.margin - 12, { width, align: 'center', lineBreak: false });
  doc.fillColor('#000');
}
