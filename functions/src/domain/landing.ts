import type { LandingResponse, LandingTarget } from '@shared/api/tokens';
import type { BallotForm } from '@shared/model/form';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { ChannelKind } from '@shared/model/channel';
import { AppError } from '@shared/errors';
import { ratingUnit } from '@shared/model/scheme-forms';
import type { Deps } from './deps';
import { resolveChannel, type ChannelContext } from './ballots/channel-context';
import { isAccepting, isRoundTarget } from './round-rules';
import { roundsCoveringWindow, windowTargetId } from './window-rounds';
import { openCursorOrThrow, sealCursor } from './public-cursor';

/** Targets per landing page: with their paths and forms, far inside the 200 KB a public answer may be. */
export const LANDING_TARGET_PAGE = 50;

/** `after`: the `next` cursor of the round's previous page; `targetId`: only that target (the ballot page of a link that covers many). */
export interface LandingQuery {
  after?: string;
  targetId?: string;
}

/**
 * What a scanned QR or opened link shows before anything is asked: the window (if any), and
 * per accepting round the targets the person may rate, with the forms to render.
 *
 * Reads only what it shows: a window landing reads the window and its ancestors (its targets are
 * on its path); a link that covers many targets reads one page of them (`LANDING_TARGET_PAGE`,
 * continued with `next`) and their ancestors, or the one target asked for — never the tree.
 */
export async function landing(deps: Deps, token: string, q: LandingQuery = {}): Promise<LandingResponse> {
  const ctx = await resolveChannel(deps, token);
  const now = deps.clock.now();

  if (ctx.channel === 'window') {
    const rounds = (await roundsCoveringWindow(deps, ctx.window)).filter((r) => isAccepting(r, now));
    const nodes = await withAncestors(deps, [ctx.window]);
    return {
      channel: 'window',
      token,
      window: { id: ctx.window.id, name: ctx.window.name },
      rounds: await Promise.all(rounds.map(async (r) => {
        const targetId = windowTargetId(r, ctx.window)!;
        return roundView(deps, r, [nodes.get(targetId)].filter((n): n is OrgNode => !!n), nodes, undefined, await ratingOf(deps, r, 'window', targetId === ctx.window.id));
      })),
    };
  }
  const round = ctx.round;
  const rounds = isAccepting(round, now) ? [await targetPage(deps, ctx, token, q)] : [];
  return {
    channel: ctx.channel,
    token,
    rounds,
    ...(ctx.channel === 'sampling' ? {} : { invitation: { expiresAt: ctx.invitation.expiresAt, answeredTargetIds: ctx.invitation.answered ?? [] } }),
  };
}

type LinkContext = Exclude<ChannelContext, { channel: 'window' }>;

/** One page of the targets a link covers (or the one asked for), as the round's view. */
async function targetPage(deps: Deps, ctx: LinkContext, token: string, q: LandingQuery) {
  const { round } = ctx;
  const channel = ctx.channel === 'sampling' ? undefined : ctx.channel;
  const rating = await ratingOf(deps, round, ctx.channel, false);
  const named = ctx.channel === 'sampling' ? round.targetIds : (ctx.invitation.targetIds ?? round.targetIds);
  const allowed = (n: OrgNode) => isRoundTarget(round, n) && (named === undefined || named.includes(n.id));

  if (q.targetId !== undefined) {
    const node = await deps.store.org.getNode(q.targetId);
    const targets = node && allowed(node) ? [node] : [];
    return { ...(await roundView(deps, round, targets, await withAncestors(deps, targets), channel, rating)), total: targets.length };
  }

  // The cursor is this token's: a page position, sealed (public-cursor.ts).
  const context = `landing:${token}`;
  const position = q.after === undefined ? undefined : openCursorOrThrow(deps.secrets.tokenKey, context, q.after, 'after');
  let targets: OrgNode[];
  let next: string | undefined;
  let total: number | undefined;
  if (named !== undefined) {
    // A named list (the round's or the invitation's): pages by index over it, sorted.
    const ids = [...new Set(named)].sort();
    const from = position === undefined ? 0 : Number(position.slice(2));
    if (position !== undefined && (!position.startsWith('i|') || !Number.isInteger(from) || from < 0 || from >= ids.length))
      throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'after', message: 'not a cursor this listing gave' }] });
    const slice = ids.slice(from, from + LANDING_TARGET_PAGE);
    const found = await deps.store.org.getNodes(slice);
    targets = slice.flatMap((id) => found.get(id) ?? []).filter(allowed);
    if (from + LANDING_TARGET_PAGE < ids.length) next = sealCursor(deps.secrets.tokenKey, context, `i|${from + LANDING_TARGET_PAGE}`);
    total = ids.length;
  } else {
    // Every node of the round's level: pages of the kind index, in id order.
    if (position !== undefined && !position.startsWith('k|')) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'after', message: 'not a cursor this listing gave' }] });
    const afterId = position?.slice(2);
    const page = await deps.store.org.pageNodes({ kind: round.targetKind, limit: LANDING_TARGET_PAGE, ...(afterId ? { afterId } : {}) });
    targets = page.nodes.filter(allowed);
    if (page.lastId) next = sealCursor(deps.secrets.tokenKey, context, `k|${page.lastId}`);
    else if (afterId === undefined) total = targets.length;
  }
  return { ...(await roundView(deps, round, targets, await withAncestors(deps, targets), channel, rating)), ...(next ? { next } : {}), ...(total !== undefined ? { total } : {}) };
}

/** The nodes and every ancestor on their paths, by id: one batched read of at most the distinct path ids. */
async function withAncestors(deps: Deps, nodes: OrgNode[]): Promise<Map<string, OrgNode>> {
  const have = new Map(nodes.map((n) => [n.id, n]));
  const missing = [...new Set(nodes.flatMap((n) => n.path))].filter((id) => !have.has(id));
  if (missing.length > 0) for (const [id, n] of await deps.store.org.getNodes(missing)) have.set(id, n);
  return have;
}

/** The forms to render; a channel with its own form (the hearing sheet) shows that one. */
/** The scheme's rating rule for ballots through this landing (a link rates sections/units, never a visit). */
async function ratingOf(deps: Deps, round: Round, channel: ChannelKind, targetIsWindow: boolean) {
  const scheme = await deps.schemes(round);
  return scheme ? ratingUnit(scheme, channel, targetIsWindow) : undefined;
}

async function roundView(deps: Deps, round: Round, targets: OrgNode[], nodes: Map<string, OrgNode>, channel?: ChannelKind, rating?: ReturnType<typeof ratingUnit>) {
  const scheme = await deps.schemes(round);
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
  return { roundId: round.id, roundName: round.name, closesAt: round.closesAt, schemeName: scheme.name, targets: out, forms, ...(rating ? { rating } : {}) };
}
