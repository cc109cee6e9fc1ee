import { z } from 'zod';
import { TalliesResponse } from '@shared/api/results';
import { RoundId } from '@shared/model/ids';
import { route } from '../route';
import { roundTallies } from '../../domain/tallies';
import { recount } from '../../domain/recount';

const RoundParams = z.object({ id: RoundId });

export const resultRoutes = [
  route({
    method: 'get',
    path: '/rounds/:id/tallies',
    summary: 'Counts per target × channel × item × option, summed over counter shards (never scans ballots).',
    tag: 'results',
    auth: ['staff', 'supervisor', 'admin'],
    params: RoundParams,
    responses: { 200: { description: 'Tallies', schema: TalliesResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: await roundTallies(deps, params.id!) }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/recount',
    summary: 'Recompute every tally from the raw ballots and list any mismatch with the counters.',
    tag: 'results',
    auth: ['supervisor', 'admin'],
    params: RoundParams,
    responses: {
      200: {
        description: 'Recount report',
        schema: z.object({ roundId: z.string(), ballots: z.number(), tallied: z.number(), mismatches: z.array(z.object({ targetId: z.string(), channel: z.string(), cell: z.string(), fromBallots: z.number(), fromTallies: z.number() })) }),
      },
    },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND'],
    handler: async ({ deps, params }) => ({ body: await recount(deps, params.id!) }),
  }),
];
