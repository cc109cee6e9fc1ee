import type { Answers } from '@shared/model/form';
import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { PaperKind } from '@shared/paper/kinds';
import type { Deps } from '../deps';
import { pseudonym } from '../sessions';
import { canonicalJson, sha256Hex } from '../crypto';
import { enterKeyedBallot, normaliseAnswers, type SubmitResult } from '../ballots';

/** A paper form (or its online twin) ready to count: the serial is the dedupe key. */
export interface PaperBallot {
  round: Round;
  target: OrgNode;
  channel: ChannelKind;
  serial: string;
  paperKind: PaperKind;
  answers: Answers;
  comment?: string;
  postmarkedOn?: string;
  filledOn?: string;
  /** `paper`: keyed by the office; `online`: the citizen scanned the form's QR and answered on the phone. */
  via: 'paper' | 'online';
}

/**
 * THE one call from paper into the ballot write path: the ballot pipeline's keyed entry
 * (domain/ballots/keyed.ts), source `paper`. Whatever way the form comes back, its evaluator and
 * dedupe key come from the serial alone, so the form counts once: a second keying, a retry, or
 * the citizen answering online after the paper was keyed (or the other way round) hits the same
 * dedupe marker in the same transaction. The idempotency key is per serial and route: a retry of
 * the same counting returns the first receipt; the other route gets PAPER_SERIAL_USED.
 */
export async function writePaperBallot(deps: Deps, p: PaperBallot, now: Date): Promise<SubmitResult> {
  const evaluator = pseudonym(deps.secrets.pseudonymKey, `paper:${p.serial}`);
  const clientBallotId = uuidFrom(sha256Hex(`paper-ballot|${p.serial}|${p.via}`));
  return enterKeyedBallot(deps, {
    round: p.round,
    target: p.target,
    channel: p.channel,
    evaluator,
    clientBallotId,
    idempotencyKey: sha256Hex(`${evaluator}|${clientBallotId}`),
    fingerprint: sha256Hex(canonicalJson({ serial: p.serial, answers: normaliseAnswers(p.answers), comment: p.comment ?? null, postmarkedOn: p.postmarkedOn ?? null, filledOn: p.filledOn ?? null })),
    dedupeKey: `${p.round.id}#${p.target.id}#serial:${p.serial}#paper`,
    answers: p.answers,
    ...(p.comment ? { comment: p.comment } : {}),
    source: {
      kind: 'paper',
      serial: p.serial,
      paperKind: p.via === 'online' ? `${p.paperKind}:online` : p.paperKind,
      ...(p.postmarkedOn ? { postmarkedOn: p.postmarkedOn } : {}),
      ...(p.filledOn ? { filledOn: p.filledOn } : {}),
    },
    duplicateCode: 'PAPER_SERIAL_USED',
    now,
  });
}

/** A UUID-shaped id (the ballot's clientBallotId) from a hex digest. */
function uuidFrom(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
