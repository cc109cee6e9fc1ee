import type { Deps } from '../deps';
import type { BallotWrite } from './port';
import type { SubmitResult } from './pipeline';

/**
 * Step 4 of the pipeline: what happens once a ballot's transaction has committed — the one
 * place for post-commit work, for every channel.
 *
 * Today nothing is written here: every count a ballot changes (tally shard, rate counters, the
 * invitation's answered mark) rides in the ballot's own transaction, so a ballot and its counts
 * commit together and a lost answer cannot leave one without the other. Anything added here runs
 * only after an accepted ballot (never on a replay) and must be safe to lose — the ballot is
 * already stored and the client may never hear back — e.g. bumping a per-round results version
 * that a results cache checks; a count that must never drift belongs in the transaction instead
 * (adapters/dynamodb/ballot-store.ts).
 */
export async function settleBallot(_deps: Deps, write: BallotWrite): Promise<SubmitResult> {
  return { receipt: write.receipt, replayed: false };
}
