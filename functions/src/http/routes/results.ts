import { z } from 'zod';
import { TalliesResponse, TargetInputsRequest } from '@shared/api/results';
import { RoundId } from '@shared/model/ids';
import { route } from '../route';
import { recount } from '../../domain/recount';
import { roundResults, rowsOfLegacyBody } from '../../domain/results';
import { setTargetInputs } from '../../domain/target-inputs/set-inputs';
import { targetComments } from '../../domain/comments';
import { resultsFor, talliesFor } from '../../domain/disclosure/staff-views';
import { NodeId } from '@shared/model/ids';
import { ChannelKind } from '@shared/model/channel';
import { AppError } from '@shared/errors';
import { RoundResultWithFlags } from '@shared/api/flags';
import { roundFlags } from '../../domain/stuffing/flags';

const RoundParams = z.object({ id: RoundId });

export const resultRoutes = [
  route({
    method: 'get',
    path: '/rounds/:id/tallies',
    summary: "Counts per target × channel × item × option, summed over counter shards (never scans ballots). Staff see only their own unit's targets, less voided ballots, dated by day; while the round is open only as of their targets' last batch of at least k new ballots (docs/security.md, Disclosure policy).",
    tag: 'results',
    auth: ['staff', 'supervisor', 'admin'],
    disclosure: 'staff-scoped',
    params: RoundParams,
    responses: { 200: { description: 'Tallies', schema: TalliesResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND'],
    handler: async ({ deps, session, params }) => ({ body: await talliesFor(deps, session!, params.id!) }),
  }),
  route({
    method: 'get',
    path: '/rounds/:id/results',
    summary:
      "The scheme engine's result for the round as it stands: per target component scores, intervals, total, grade, rank in group, flags and consequences (the same engine as npm run score). Staff see only their own unit's targets (with their rank in group); while the round is open, scored on every target's last disclosed batch. `?flags=1` (supervisor, admin) adds `flagged`: per target, how many of the ballots counted are stuffing-flagged (reads every ballot; see docs/anti-stuffing.md).",
    tag: 'results',
    auth: ['staff', 'supervisor', 'admin'],
    disclosure: 'staff-scoped',
    params: RoundParams,
    responses: { 200: { description: 'Results', schema: RoundResultWithFlags } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'SCHEME_UNKNOWN', 'SCORING_INPUT_INVALID'],
    handler: async ({ deps, params, req, session }) => {
      // Opt-in: results stay O(targets); the flag summary reads the whole ballot log.
      const withFlags = req.query.flags === '1';
      if (withFlags && session!.role === 'staff') throw new AppError('FORBIDDEN', { reason: 'flags are for the supervising office' });
      const [result, flags] = await Promise.all([resultsFor(deps, session!, params.id!), withFlags ? roundFlags(deps, params.id!) : undefined]);
      return { body: flags ? { ...result, flagged: flags.targets } : result };
    },
  }),
  route({
    method: 'get',
    path: '/rounds/:id/targets/:targetId/comments',
    summary: "Comments on a target, scrubbed of phone/ID numbers and self-introductions, newest day first in an order that is not arrival order, dated by day only, voided ballots' comments left out. Staff read only their own unit's targets, and while the round is open only their last batch of at least k new ballots.",
    tag: 'results',
    auth: ['staff', 'supervisor', 'admin'],
    disclosure: 'staff-scoped',
    params: z.object({ id: RoundId, targetId: NodeId }),
    responses: {
      200: {
        description: 'Comments',
        schema: z.object({ comments: z.array(z.object({ day: z.string(), channel: ChannelKind, windowId: z.string().optional(), text: z.string() })) }),
      },
    },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'TARGET_NOT_IN_ROUND'],
    handler: async ({ deps, session, params }) => ({ body: { comments: await targetComments(deps, session!, params.id!, params.targetId!) } }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/target-inputs',
    summary: 'Enter per-target facts besides ballots (served counts, component scores made elsewhere, record counts, misconduct, imported tallies): the fields named are set, every other field stays (the same checks, audit and lock as PATCH /admin/rounds/:id/target-inputs).',
    tag: 'results',
    auth: ['supervisor', 'admin'],
    params: RoundParams,
    body: TargetInputsRequest,
    responses: { 200: { description: 'Stored', schema: z.object({ ok: z.literal(true) }) } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'SCHEME_UNKNOWN', 'TARGET_NOT_IN_ROUND', 'INPUT_FIELD_UNKNOWN', 'INPUT_NOT_APPLICABLE', 'INPUT_OUT_OF_RANGE', 'SERVED_BELOW_RETURNED', 'IMPORTED_TALLY_CLASH', 'INPUT_CONFLICT', 'INPUTS_LOCKED'],
    handler: async ({ deps, params, body, session }) => (await setTargetInputs(deps, session!.sub, params.id!, rowsOfLegacyBody(body)), { body: { ok: true } }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/recount',
    summary: 'Recompute every tally from the raw ballots and list any mismatch with the counters; check every ballot against its accepted digest and the ballots’ Merkle root against the published one.',
    tag: 'results',
    auth: ['supervisor', 'admin'],
    params: RoundParams,
    responses: {
      200: {
        description: 'Recount report',
        schema: z.object({ roundId: z.string(), ballots: z.number(), tallied: z.number(), mismatches: z.array(z.object({ targetId: z.string(), channel: z.string(), cell: z.string(), fromBallots: z.number(), fromTallies: z.number() })), voided: z.number(),
          voidMismatches: z.array(z.object({ ballotId: z.string(), problem: z.string() })),
          digestMismatches: z.array(z.object({ ballotId: z.string(), stored: z.string(), recomputed: z.string() })),
          tree: z.object({ size: z.number(), root: z.string(), published: z.object({ version: z.number(), size: z.number(), root: z.string() }).optional() }),
        }),
      },
    },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: await recount(deps, params.id!) }),
  }),
];
