import { A4, FONT, drawQr, renderPdf } from './document';

/** One invitation letter: for a panel member without WeChat, the link as a QR and a short code to type. */
export interface InvitationLetter {
  memberName: string;
  area?: string;
  roundName: string;
  /** 截止时间, already in China time words (2026年12月31日 24时). */
  deadline: string;
  link: string;
  shortCode: string;
  office: string;
}

/**
 * Printable letters, one A4 page each: who is invited to what and by when, the personal QR (the
 * invitation link: the same one the WeChat message opens) and the short code for a member who
 * types rather than scans; both are single-use per target, like the invitation itself.
 */
export function lettersPdf(letters: InvitationLetter[]): Promise<Buffer> {
  const title = letters[0] ? `${letters[0].roundName} 评议代表邀请函` : '评议代表邀请函';
  return renderPdf({ title, subject: `${letters.length} 封` }, (doc) => {
    const left = A4.margin + 12;
    const width = A4.width - 2 * left;
    for (const l of letters) {
      doc.addPage();
      doc.font(FONT).fontSize(20).text('评议代表邀请函', left, A4.margin + 20, { width, align: 'center' });
      doc.moveDown(1.2).fontSize(13).text(`尊敬的 ${l.memberName}${l.area ? `（${l.area}）` : ''}：`, left, doc.y, { width });
      doc.moveDown(0.6).fontSize(12).text(
        `您已通过公开随机抽选，成为“${l.roundName}”的评议代表。请于 ${l.deadline} 前，对本次评议的单位作出评价。您的评价只用于统计，被评议单位看不到是谁填写的。`,
        left + 24, doc.y, { width: width - 24, lineGap: 5 },
      );
      doc.moveDown(0.8).text('参加方式（任选其一）：', left, doc.y, { width });
      doc.moveDown(0.3).text('一、用手机扫描下方二维码，按页面提示评价。', left + 24, doc.y, { width: width - 24, lineGap: 4 });
      doc.text('二、在浏览器中打开评议网站，输入下方邀请码。', left + 24, doc.y, { width: width - 24, lineGap: 4 });
      const qrTop = doc.y + 16;
      const qrSize = 150;
      drawQr(doc, l.link, left + (width - qrSize) / 2, qrTop, qrSize);
      doc.fontSize(15).text(`邀请码：${l.shortCode}`, left, qrTop + qrSize + 10, { width, align: 'center' });
      doc.moveDown(0.4).fontSize(10).fillColor('#444').text(l.link, left, doc.y, { width, align: 'center' });
      doc.fillColor('#000').moveDown(1.5).fontSize(11).text('本邀请仅限您本人使用，请妥善保管，不要转交他人。如有疑问，请联系评议办公室。', left, doc.y, { width, lineGap: 4 });
      doc.moveDown(2).fontSize(12).text(l.office, left, doc.y, { width, align: 'right' });
    }
  });
}
