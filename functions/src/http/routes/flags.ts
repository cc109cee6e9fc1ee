import { z } from 'zod';
import { RoundId } from '@shared/model/ids';
import { FlagDecisionRequest, FlagView, RoundFlagsResponse } from '@shared/api/flags';
import { route } from '../route';
import { decideFlag, roundFlags } from '../../domain/stuffing/flags';

const SUPERVISORS = ['supervisor', 'admin'] as const;

/** Stuffing flags (docs/anti-stuffing.md): read them any time, decide on a closed round. */
export const flagRoutes = [
  route({
    method: 'get',
    path: '/admin/rounds/:id/flags',
    summary:
      'Stuffing flags of the round, recomputed from the ballot log (bursts at one place, one evaluator at many places, identical comments), each with its ballots and decision, and per target how many ballots are flagged: flagged ballots stay counted until a decision excludes them.',
    tag: 'publication',
    auth: SUPERVISORS,
    params: z.object({ id: RoundId }),
    responses: { 200: { description: 'Flags', schema: RoundFlagsResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND'],
    handler: async (ctx) => ({ body: await roundFlags(ctx.deps, ctx.params.id!) }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/flags/:flagId/decision',
    summary:
      'Decide on a flag with a reason: `exclude` voids each of its ballots (audited, the ballots stay stored), `keep` leaves every count as it is. 201 for a new decision; the same decision again is 200 (and completes an interrupted exclusion). Closed or published rounds only.',
    tag: 'publication',
    auth: SUPERVISORS,
    params: z.object({ id: RoundId, flagId: z.string().regex(/^[BSC]-[0-9a-f]{16}$/) }),
    body: FlagDecisionRequest,
    responses: { 201: { description: 'Decided', schema: FlagView }, 200: { description: 'The same decision, already recorded', schema: FlagView } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'REVIEW_CLOSED_ROUND_ONLY', 'FLAG_NOT_FOUND', 'FLAG_ALREADY_DECIDED', 'SCHEME_UNKNOWN'],
    handler: async (ctx) => {
      const { flag, created } = await decideFlag(ctx.deps, ctx.session!.sub, ctx.params.id!, ctx.params.flagId!, ctx.body);
      return { status: created ? 201 : 200, body: flag };
    },
  }),
];
