import { AppError } from '@shared/errors';
import type { SubmitSheetRequest } from '@shared/api/panels';
import type { ChannelKind } from '@shared/model/channel';
import type { Deps } from '../deps';
import type { Session } from '../sessions';
import { pseudonym } from '../sessions';
import { assertAccepting, assertChannel, isRoundTarget } from '../round-rules';
import { fingerprintOf, idempotencyKeyOf } from './keys';
import { enterBallot, type SubmitResult } from './pipeline';

const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * The sheets filed by accounts rather than citizens (效能办 methods):
 *  - `instant` 即时监测表 (monitor point): answers only its own item; one per monitor point per
 *    section per day (China time) — 每报一次视为一次测评, and a day bounds stuffing;
 *  - `monthly` 综合测评表 (monitor point): one per monitor point per section per month;
 *  - `inspection` 明察暗访 (inspector): one per inspector per section per visit day, with notes
 *    and evidence references kept on the immutable ballot.
 * `item` names the form item the sheet answers; `role` the account role that may file it.
 */
const SHEETS = {
  instant: { channel: 'monitor', role: 'monitor', item: 'instant' },
  monthly: { channel: 'monitor', role: 'monitor', item: 'monthly' },
  inspection: { channel: 'inspection', role: 'inspector', item: undefined },
} as const satisfies Record<SubmitSheetRequest['kind'], { channel: ChannelKind; role: string; item: string | undefined }>;

export function submitSheet(deps: Deps, session: Session, req: SubmitSheetRequest): Promise<SubmitResult> {
  const spec = SHEETS[req.kind];
  if (session.role !== spec.role) return Promise.reject(new AppError('SHEET_KIND_NOT_ALLOWED', { kind: req.kind, role: session.role }));
  // The account is pseudonymised like any evaluator: units never learn which monitor point rated them.
  const evaluator = pseudonym(deps.secrets.pseudonymKey, `account:${session.role}:${session.sub}`);
  const who = { idempotencyKey: idempotencyKeyOf(evaluator, req.clientBallotId), fingerprint: fingerprintOf(req) };
  return enterBallot(deps, {
    identify: async () => who,
    place: async (read) => {
      const now = deps.clock.now();
      const round = await read.round(req.roundId);
      if (!round) throw new AppError('ROUND_NOT_FOUND', { roundId: req.roundId });
      assertAccepting(round, now);
      assertChannel(round, spec.channel);
      const target = await read.node(req.targetId);
      if (!target) throw new AppError('TARGET_NOT_FOUND', { targetId: req.targetId });
      if (!isRoundTarget(round, target)) throw new AppError('TARGET_NOT_IN_ROUND', { targetId: target.id });
      if (spec.item !== undefined) {
        const others = Object.keys(req.answers).filter((k) => k !== spec.item);
        if (others.length > 0 || req.answers[spec.item] === undefined)
          throw new AppError('ANSWERS_INVALID', { problems: [...others.map((item) => ({ item, problem: 'unknown_item' })), ...(req.answers[spec.item] === undefined ? [{ item: spec.item, problem: 'missing' }] : [])] });
      }
      const period = periodOf(req, round.period, now);
      return {
        round,
        target,
        channel: spec.channel,
        source: {
          kind: 'sheet',
          sheet: {
            kind: req.kind,
            ...(req.month ? { month: req.month } : {}),
            ...(req.visitedOn ? { visitedOn: req.visitedOn } : {}),
            ...(req.notes ? { notes: req.notes } : {}),
            ...(req.evidence ? { evidence: req.evidence } : {}),
          },
        },
        evaluator,
        clientBallotId: req.clientBallotId,
        ...who,
        dedupeKey: `${round.id}#${target.id}#${evaluator}#${req.kind}:${period}`,
        answers: req.answers,
        ...(req.comment ? { comment: req.comment } : {}),
        duplicateCode: 'DUPLICATE_BALLOT',
        fence: {},
        now,
      };
    },
  });
}

/** The dedupe period of a sheet, checked against the round's period. */
function periodOf(req: SubmitSheetRequest, roundPeriod: { start: string; end: string }, now: Date): string {
  const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', { issues: [{ path, message }] });
  if (req.kind === 'monthly') {
    if (!req.month) throw invalid('month', 'monthly sheets name their month (YYYY-MM)');
    if (req.month < roundPeriod.start.slice(0, 7) || req.month > roundPeriod.end.slice(0, 7)) throw invalid('month', 'the month is outside the round period');
    return req.month;
  }
  if (req.kind === 'inspection') {
    if (!req.visitedOn) throw invalid('visitedOn', 'inspections name the day of the visit');
    if (req.visitedOn < roundPeriod.start || req.visitedOn > roundPeriod.end) throw invalid('visitedOn', 'the visit is outside the round period');
    if (Date.parse(req.visitedOn) > now.getTime() + 86400_000) throw invalid('visitedOn', 'the visit is in the future');
    return req.visitedOn;
  }
  if (req.month || req.visitedOn) throw invalid(req.month ? 'month' : 'visitedOn', 'instant sheets carry neither month nor visitedOn');
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
