import { AppError } from '@shared/errors';
import type { Round } from '@shared/model/round';
import { PAPER_KIND_RULES, type PaperKind } from '@shared/paper/kinds';
import type { AuditEntry } from '../../ports';

const CHINA_OFFSET_MS = 8 * 3600_000;
const chinaDay = (t: Date) => new Date(t.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

export interface PaperDates {
  postmarkedOn?: string;
  filledOn?: string;
}

/**
 * Whether a returned form may count now, and what must be audited if it does:
 *  - a cancelled round takes nothing; a published one takes no more paper (a correction would);
 *  - an open round takes any form; a closed one (or one past its closing time) only a form whose
 *    postmark, or a dated sheet's own date, lies inside the round's period — 甘泉's form posted
 *    on the last day arrives days later and still counts;
 *  - a date is never outside the round's period nor after today (China time);
 *  - a late form is audited (`paper_late`), and so is a sheet dated before today (`paper_backdated`,
 *    效能办's monitor backlog), each with its date, so a review can see which entries were filed
 *    after the fact.
 */
export function admitPaper(round: Round, kind: PaperKind, d: PaperDates, now: Date): Array<Pick<AuditEntry, 'action' | 'reason' | 'details'>> {
  if (round.status === 'cancelled') throw new AppError('ROUND_CANCELLED', { roundId: round.id });
  if (round.status === 'published') throw new AppError('ROUND_CLOSED', { roundId: round.id });
  if (round.status === 'draft' || now.getTime() < Date.parse(round.opensAt)) throw new AppError('ROUND_NOT_OPEN', { roundId: round.id });
  if (d.filledOn && !PAPER_KIND_RULES[kind].dated)
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'filledOn', message: `${PAPER_KIND_RULES[kind].label}不填写填表日期，请录入邮戳日期` }] });
  const today = chinaDay(now);
  for (const [field, day] of Object.entries(d) as Array<[keyof PaperDates, string | undefined]>) {
    if (day !== undefined && (day < round.period.start || day > round.period.end || day > today)) throw new AppError('PAPER_DATE_OUTSIDE_ROUND', { field, day, period: { start: round.period.start, end: round.period.end }, today });
  }
  const closed = round.status === 'closed' || now.getTime() >= Date.parse(round.closesAt);
  const dated = d.postmarkedOn ?? d.filledOn;
  if (closed && !dated) throw new AppError('PAPER_POSTMARK_REQUIRED', { roundId: round.id, period: { start: round.period.start, end: round.period.end } });
  const audits: Array<Pick<AuditEntry, 'action' | 'reason' | 'details'>> = [];
  if (closed) audits.push({ action: 'paper_late', reason: '评议结束后收到，按邮戳或填表日期计入', details: { ...d } });
  if (d.filledOn && d.filledOn < today) audits.push({ action: 'paper_backdated', reason: '补录评议期内的纸质表', details: { filledOn: d.filledOn, keyedOn: today } });
  return audits;
}
