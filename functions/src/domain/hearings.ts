import { AppError } from '@shared/errors';
import type { CreateHearingRequest, Hearing } from '@shared/api/panels';
import { Scheme, TargetFacts } from '@shared/scoring';
import { scoreComponents } from '@shared/scoring/component-scores';
import { listTargetInputs } from './target-inputs/read-inputs';
import type { Deps } from './deps';
import { drawnMembers, getDrawOrThrow } from './draws';
import { issueInvitations } from './links-admin';
import { notify } from './panel-invitations';
import { getRoundOrThrow } from './rounds-admin';
import { isRoundTarget } from './round-rules';

/**
 * A hearing session (听证评议会): a group of rated units and the representatives a draw of the
 * same round selected. Each representative gets one hearing invitation naming the units; each
 * sheet goes through the ballot pipeline on the `hearing` channel (the scheme's hearing form,
 * blank items counted as its `blankAs`), so the round's hearing component reads it like any
 * tally and a recount reproduces it. A unit sits in one hearing per round.
 */
export async function createHearing(deps: Deps, roundId: string, req: CreateHearingRequest, by: string): Promise<Hearing> {
  const round = await getRoundOrThrow(deps, roundId);
  if (!round.channels.includes('hearing')) throw new AppError('CHANNEL_NOT_ALLOWED', { roundId, channel: 'hearing' });
  const draw = await getDrawOrThrow(deps, req.drawId);
  if (draw.roundId !== roundId) throw new AppError('DRAW_NOT_FOUND', { drawId: req.drawId, reason: 'the draw belongs to another round' });
  const members = drawnMembers(draw);
  const nodes = await deps.store.org.getNodes(req.targetIds);
  const bad = req.targetIds.filter((id) => !nodes.get(id) || !isRoundTarget(round, nodes.get(id)!));
  if (bad.length > 0) throw new AppError('TARGET_NOT_IN_ROUND', { targetIds: bad });
  if (await deps.store.hearings.getHearing(roundId, req.id)) throw new AppError('ALREADY_EXISTS', { hearingId: req.id });
  const taken = (await deps.store.hearings.listHearings(roundId)).flatMap((h) => h.targetIds.filter((t) => req.targetIds.includes(t)).map((t) => ({ targetId: t, hearingId: h.id })));
  if (taken.length > 0) throw new AppError('TARGET_IN_OTHER_HEARING', { targets: taken });
  // Validates channel, deadline and targets without writing (no members yet).
  await issueInvitations(deps, round, [], { expiresAt: req.expiresAt, targetIds: req.targetIds, channel: 'hearing' });
  if (!(await deps.store.draws.markInvited(draw.drawId, deps.clock.now().toISOString(), by))) throw new AppError('DRAW_STATE_CONFLICT', { drawId: draw.drawId, reason: 'already invited' });
  const hearing: Hearing = { id: req.id, roundId, name: req.name, drawId: req.drawId, targetIds: [...new Set(req.targetIds)], representatives: members.length, expiresAt: req.expiresAt, createdAt: deps.clock.now().toISOString() };
  await deps.store.hearings.createHearing(hearing);
  const invitations = await issueInvitations(deps, round, members, { expiresAt: req.expiresAt, targetIds: hearing.targetIds, channel: 'hearing', hearingId: hearing.id });
  await notify(deps, round, invitations, 'invitation');
  return hearing;
}

/** The round's hearings, oldest first (the chair picks one to follow). */
export async function listHearings(deps: Deps, roundId: string): Promise<Hearing[]> {
  await getRoundOrThrow(deps, roundId);
  return (await deps.store.hearings.listHearings(roundId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * The chair's live tally: per unit, sheets in against representatives expected, counts per
 * item and option, and the hearing score so far from the scheme engine's own component
 * (通河: Σ sheet points ÷ representatives present; 甘泉: 满意 ÷ sheets). Reads the counter shards,
 * never the sheets. Until the office enters a unit's 到会人数 (`present.hearing`), a scheme that
 * divides by those present is shown dividing by the sheets in so far: the chair needs a running
 * figure that does not fall as representatives are still writing, and the published score always
 * waits for the entered number.
 */
export async function hearingTally(deps: Deps, roundId: string, hearingId: string) {
  const round = await getRoundOrThrow(deps, roundId);
  const hearing = await deps.store.hearings.getHearing(roundId, hearingId);
  if (!hearing) throw new AppError('HEARING_NOT_FOUND', { hearingId });
  const parsed = Scheme.safeParse((await deps.schemes(round)));
  if (!parsed.success) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  const scheme = parsed.data;
  const [tallies, nodes, entered] = await Promise.all([
    deps.store.ballots.readTallies(roundId, round.tallyShards),
    deps.store.org.getNodes(hearing.targetIds),
    listTargetInputs(deps, roundId),
  ]);
  const presentBy = new Map(entered.map((t) => [t.targetId, t.present?.hearing]));
  const hearingComponent = hearingScoreComponent(scheme);
  return {
    hearing,
    targets: hearing.targetIds.map((targetId) => {
      const tally = tallies.get(targetId)?.hearing ?? { ballots: 0, answers: {} };
      const node = nodes.get(targetId);
      const present = presentBy.get(targetId) ?? tally.ballots;
      const facts = TargetFacts.parse({ targetId, ...(node?.formKey && scheme.forms[node.formKey] ? { formKey: node.formKey } : {}), channels: { hearing: tally }, present: { hearing: Math.max(present, tally.ballots) } });
      const scores = scoreComponents(scheme, facts, { hearing: tally });
      const score = hearingComponent ? (scores.get(hearingComponent)?.value ?? null) : null;
      return { targetId, targetName: node?.name ?? targetId, sheets: tally.ballots, expected: hearing.representatives, answers: tally.answers, score };
    }),
  };
}

/**
 * The component that scores the hearing on its own: the first one read from the hearing channel
 * alone, whatever its kind. 甘泉's is a share (评议会满意度, a `proportion`), 通河's a points mean;
 * looking only for points means left 甘泉's live score null.
 */
export function hearingScoreComponent(scheme: Scheme): string | undefined {
  return scheme.components.find((c) => (c.kind === 'pointsMean' || c.kind === 'proportion') && c.channels.length > 0 && c.channels.every((ch) => ch === 'hearing'))?.id;
}
