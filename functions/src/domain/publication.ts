import { AppError } from '@shared/errors';
import { RoundFacts, type RoundResult } from '@shared/scoring';
import { canonicalJson } from '@shared/publication/canonical';
import { roundMainProblems } from '@shared/publication/main-problems';
import { commentTallies } from '@shared/publication/comment-problems';
import { commentLexiconStamp } from '@shared/publication/comment-categories';
import { SNAPSHOT_FORMAT, Snapshot, type PublicationSummary } from '@shared/publication/snapshot';
import type { Deps } from './deps';
import { roundFacts } from './round-facts';
import { score, withImportClashes } from './results';
import { auditEntry } from './review';
import { getRoundOrThrow } from './rounds-admin';
import { sha256Hex } from './crypto';
import { ballotTreeForPublication } from './ballot-tree';
import type { StoredPublication } from '../ports';
import type { BallotTree } from '@shared/publication/ballot-log';
import { assertStuffingDecided, publishedFlagDecisions } from './stuffing/publication-gate';

/**
 * Publishes a closed round, or a correction of a published one, as a new immutable version:
 * the facts are gathered, scored, frozen with the main problems (indicators, and the comment
 * categories of the ballots the results count: all but the voided), voids, misconduct records and
 * the Merkle root over every ballot's digest (ballot-tree.ts) into a snapshot; its canonical
 * JSON is hashed (sha256) and stored with the round's move to `published` in one conditional
 * transaction. A correction needs a reason and links to the
 * version it corrects; earlier versions are never touched.
 */
export async function publishRound(deps: Deps, actor: string, roundId: string, reason: string | undefined): Promise<PublicationSummary> {
  const current = await getRoundOrThrow(deps, roundId);
  if (current.status !== 'closed' && current.status !== 'published') throw new AppError('ROUND_STATE_CONFLICT', { roundId, from: current.status, to: 'published' });
  const previous = current.status === 'published' ? await deps.store.publications.latest(roundId) : undefined;
  if (current.status === 'published' && !reason) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'reason', message: '更正发布须说明理由' }] });
  const [{ round, scheme, facts, voids, clashes }, ballots] = await Promise.all([roundFacts(deps, roundId), ballotTreeForPublication(deps, current)]);
  assertSameBallots(previous, ballots.tree);
  const frozenFacts = RoundFacts.parse(facts);
  const results = score(scheme, frozenFacts, 'list');
  assertInputsComplete(withImportClashes(results, clashes));
  await assertStuffingDecided(deps, roundId, scheme, frozenFacts, results);
  const comments = commentTallies(ballots.entries, new Set(voids.map((v) => v.ballotId)));
  const version = (previous?.version ?? 0) + 1;
  const publishedAt = deps.clock.now().toISOString();
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    roundId,
    version,
    round: { id: round.id, name: round.name, period: round.period, schemeId: round.schemeId, schemeVersion: round.schemeVersion ?? 1, targetKind: round.targetKind },
    schemeName: scheme.name,
    scheme,
    schemeDigest: sha256Hex(canonicalJson(scheme)),
    publishedAt,
    publishedBy: actor,
    ...(reason ? { reason } : {}),
    ...(previous ? { correctionOf: { version: previous.version, hash: previous.hash } } : {}),
    facts: frozenFacts,
    results,
    mainProblems: roundMainProblems(scheme, results, frozenFacts, comments),
    commentLexicon: commentLexiconStamp(),
    voided: voids.map(({ cells: _c, ...v }) => v).sort((a, b) => a.ballotId.localeCompare(b.ballotId)),
    misconduct: (await deps.store.review.listMisconduct(roundId)).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.recordId.localeCompare(b.recordId)),
    ballotTree: ballots.tree,
    flagDecisions: await publishedFlagDecisions(deps, roundId),
  };
  const body = canonicalJson(Snapshot.parse(snapshot));
  const hash = sha256Hex(body);
  const action = previous ? 'publish_correction' : 'publish';
  // Before the version exists, so a published root always has its proofs.
  await deps.store.publications.putBallotTree(roundId, version, ballots.stored);
  await deps.store.publications.publish(
    { roundId, version, hash, publishedAt, ...(reason ? { reason } : {}), body },
    current.status,
    auditEntry(deps, roundId, actor, action, reason ?? '首次发布', { version, hash, ballotRoot: ballots.tree.root }),
  );
  return { version, hash, publishedAt, ...(reason ? { reason } : {}) };
}

/**
 * Nothing is published with an input still 待录入 or 待更正: the office sees which targets and
 * fields first. With none pending, the listed results are exactly the strict engine's.
 */
function assertInputsComplete(results: RoundResult): void {
  const pending = results.targets.filter((t) => (t.missing ?? []).length > 0);
  if (pending.length === 0) return;
  const targets = pending.map((t) => ({ targetId: t.targetId, name: t.name ?? t.targetId, missing: (t.missing ?? []).map(({ field, label }) => ({ field, label })) }));
  const message = `以下单位还有数据待录入或待更正，不能发布：${targets.slice(0, 10).map((t) => `${t.name}（${t.missing.map((m) => m.label).join('、')}）`).join('；')}${targets.length > 10 ? ` 等 ${targets.length} 个单位` : ''}`;
  throw new AppError('INPUTS_INCOMPLETE', { targets: targets.slice(0, 500), message });
}

/**
 * A correction re-reads the ballots of a closed round, so it must find exactly the ballots the
 * previous version committed to: a different root means the table changed in between (edited
 * with digest and all, added or removed), and publishing would launder it.
 */
function assertSameBallots(previous: StoredPublication | undefined, tree: BallotTree): void {
  if (!previous) return;
  const before = Snapshot.parse(JSON.parse(previous.body)).ballotTree;
  if (before && (before.root !== tree.root || before.size !== tree.size))
    throw new AppError('BALLOT_DIGEST_MISMATCH', { ballots: [], previous: { version: previous.version, ...before }, now: tree });
}

/** A published version (the latest when none is named), with its canonical bytes and every version's summary. */
export async function readPublication(deps: Deps, roundId: string, version?: number) {
  const round = await deps.store.rounds.getRound(roundId);
  if (!round || round.status !== 'published') throw new AppError('PUBLICATION_NOT_FOUND', { roundId });
  const stored = version === undefined ? await deps.store.publications.latest(roundId) : await deps.store.publications.get(roundId, version);
  if (!stored) throw new AppError('PUBLICATION_NOT_FOUND', { roundId, version });
  const versions = (await deps.store.publications.list(roundId)).map(({ roundId: _r, ...v }) => v);
  return { stored, snapshot: Snapshot.parse(JSON.parse(stored.body)), versions };
}

/** Published rounds, newest period first, for the public index. */
export async function listPublished(deps: Deps) {
  const rounds = (await deps.store.rounds.listRounds()).filter((r) => r.status === 'published');
  const names = new Map(await Promise.all(rounds.map(async (r) => [r.id, (await deps.schemes(r))?.name] as const)));
  return rounds
    .sort((a, b) => b.period.start.localeCompare(a.period.start) || a.id.localeCompare(b.id))
    .map((r) => ({ roundId: r.id, name: r.name, period: r.period, schemeId: r.schemeId, schemeName: names.get(r.id) ?? r.schemeId, version: r.publishedVersion ?? 1, publishedAt: r.publishedAt ?? '' }));
}
