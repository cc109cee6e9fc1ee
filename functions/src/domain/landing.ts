import type { LandingResponse, LandingTarget } from '@shared/api/tokens';
import type { BallotForm } from '@shared/model/form';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { ChannelKind } from '@shared/model/channel';
import { AppError } from '@shared/errors';
import type { Deps } from './deps';
import { resolveChannel } from './channel-context';
import { isAccepting, isRoundTarget } from './round-rules';
import { roundsCoveringWindow, windowTargetId } from './window-rounds';

/**
 * What a scanned QR or opened link shows before anything is asked: the window (if any), and
 * per accepting round the targets the person may rate, with the forms to render.
 */
export async function landing(deps: Deps, token: string): Promise<LandingResponse> {
  const ctx = await resolveChannel(deps, token);
  const now = deps.clock.now();
  const nodes = new Map((await deps.store.org.listNodes()).map((n) => [n.id, n]));
  const view = (round: Round, targets: OrgNode[], channel?: ChannelKind) => roundView(deps, round, targets, nodes, channel);

  if (ctx.channel === 'window') {
    const rounds = (await roundsCoveringWindow(deps, ctx.window)).filter((r) => isAccepting(r, now));
    return {
      channel: 'window',
      token,
      window: { id: ctx.window.id, name: ctx.window.name },
      rounds: rounds.map((r) => view(r, [nodes.get(windowTargetId(r, ctx.window)!)!].filter(Boolean))),
    };
  }
  const targets = [...nodes.values()].filter((n) => isRoundTarget(ctx.round, n));
  if (ctx.channel === 'sampling') {
    return { channel: 'sampling', token, rounds: isAccepting(ctx.round, now) ? [view(ctx.round, targets)] : [] };
  }
  const invited = ctx.invitation.targetIds ? targets.filter((t) => ctx.invitation.targetIds!.includes(t.id)) : targets;
  return {
    channel: ctx.channel,
    token,
    rounds: isAccepting(ctx.round, now) ? [view(ctx.round, invited, ctx.channel)] : [],
    invitation: { expiresAt: ctx.invitation.expiresAt, answeredTargetIds: ctx.invitation.answered ?? [] },
  };
}

/** The forms to render; a channel with its own form (the hearing sheet) shows that one. */
function roundView(deps: Deps, round: Round, targets: OrgNode[], nodes: Map<string, OrgNode>, channel?: ChannelKind) {
  const scheme = deps.schemes(round.schemeId);
  if (!scheme) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  const forms: Record<string, BallotForm> = {};
  const out: LandingTarget[] = targets.map((t) => {
    const byChannel = channel ? scheme.channelForms?.[channel] : undefined;
    const formKey = byChannel && scheme.forms[byChannel] ? byChannel : t.formKey && scheme.forms[t.formKey] ? t.formKey : 'default';
    forms[formKey] = scheme.forms[formKey]!;
    return {
      id: t.id,
      kind: t.kind,
      name: t.name,
      formKey,
      path: t.path.map((id) => nodes.get(id)).filter((n): n is OrgNode => !!n).map((n) => ({ id: n.id, kind: n.kind, name: n.name })),
    };
  });
  return { roundId: round.id, roundName: round.name, closesAt: round.closesAt, schemeName: scheme.name, targets: out, forms };
}
