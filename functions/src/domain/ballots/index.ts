/**
 * The ballot feature's entry points: every way a vote enters ends in `enterBallot`
 * (pipeline.ts: check → compose → write → settle).
 *  - `submitBallot`: a token — window QR, sampling link, panel invitation, hearing sheet
 *    (`POST /api/ballots`);
 *  - `submitSheet`: an account's monitor or inspection sheet;
 *  - `importPhoneSurvey`: a phone survey CSV, row by row;
 *  - `enterKeyedBallot`: anything the office keys in with its own keys (phone rows, paper forms).
 * A new way in writes a `BallotIntake` (or a `KeyedBallot`), never its own write.
 */
export { enterBallot, replay, type BallotIdentity, type BallotIntake, type SubmitResult } from './pipeline';
export { enterKeyedBallot, type KeyedBallot } from './keyed';
export { submitBallot } from './submit-ballot';
export { submitSheet } from './sheets';
export { importPhoneSurvey } from './phone-survey';
export type { BallotDraft, BallotSource } from './compose';
export { fingerprintOf, idempotencyKeyOf, normaliseAnswers } from './keys';
