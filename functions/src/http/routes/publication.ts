import { z } from 'zod';
import { AppError } from '@shared/errors';
import { NodeId, RoundId } from '@shared/model/ids';
import {
  AuditLogResponse,
  BallotInclusionResponse,
  ConsequencesResponse,
  MisconductRecord,
  MisconductRequest,
  PublicationSummary,
  PublicResults,
  PublicRoundList,
  PublishRequest,
  ReviewBallotsResponse,
  VoidBallotRequest,
  VoidedBallot,
} from '@shared/api/publication';
import { consequenceActions } from '@shared/publication/consequence-list';
import { route, type RouteContext } from '../route';
import { recordMisconduct, reviewBallots, voidBallot } from '../../domain/review';
import { listPublished, publishRound } from '../../domain/publication';
import { tasksFromRules } from '../../domain/rectification/from-rules';
import { PublishTasksOutcome } from '@shared/api/rectification';
import { appErrorOf } from '../errors';
import { roundConsequences, snapshotRuleOrder } from '../../domain/consequences';
import { inclusionOf } from '../../domain/ballot-evidence';
import { sha256Hex } from '../../domain/crypto';
import { published, PUBLIC_ERRORS, versionOf } from './published';

const SUPERVISORS = ['supervisor', 'admin'] as const;
const RoundParams = z.object({ id: RoundId });
const REVIEW_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'REVIEW_CLOSED_ROUND_ONLY'] as const;

const actor = (ctx: RouteContext<unknown>) => ctx.session!.sub;

/** Which ballots a review read showed: their ids up to a few hundred, a count and digest of all. */
function readBallots(ids: string[]) {
  const sorted = [...ids].sort();
  return { ballotCount: ids.length, ballotIdsSha256: sha256Hex(sorted.join('\n')), ...(ids.length <= 200 ? { ballotIds: sorted } : {}) };
}

export const publicationRoutes = [
  route({
    method: 'get',
    path: '/admin/rounds/:id/ballots',
    summary: 'Review: the round’s ballots (optionally ?targetId=) with their void status; evaluator pseudonyms are not shown. Comments are as written, so every read is in the office audit log.',
    tag: 'publication',
    auth: SUPERVISORS,
    audit: 'read',
    params: RoundParams,
    responses: { 200: { description: 'Ballots', schema: ReviewBallotsResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'VALIDATION_FAILED'],
    handler: async (ctx) => {
      const t = ctx.req.query.targetId;
      const targetId = t === undefined ? undefined : NodeId.safeParse(t);
      if (targetId && !targetId.success) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'targetId', message: 'bad target id' }] });
      const ballots = await reviewBallots(ctx.deps, ctx.params.id!, targetId?.data);
      return { body: { ballots }, audit: { roundId: ctx.params.id!, ...(targetId ? { targetId: targetId.data } : {}), ...readBallots(ballots.map((b) => b.ballotId)) } };
    },
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/ballots/:ballot/void',
    summary: 'Void a flagged ballot (by ballot id or receipt id) with a reason. The ballot and its counters stay; results and the recount subtract the void list. Audited.',
    tag: 'publication',
    auth: SUPERVISORS,
    params: z.object({ id: RoundId, ballot: z.string().regex(/^[A-Za-z0-9-]{4,64}$/) }),
    body: VoidBallotRequest,
    responses: { 201: { description: 'Voided', schema: VoidedBallot } },
    errors: [...REVIEW_ERRORS, 'BALLOT_NOT_FOUND', 'BALLOT_ALREADY_VOIDED', 'SCHEME_UNKNOWN'],
    handler: async (ctx) => {
      const { cells: _c, ...v } = await voidBallot(ctx.deps, actor(ctx), ctx.params.id!, ctx.params.ballot!, ctx.body.reason);
      return { status: 201, body: v };
    },
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/misconduct',
    summary: 'Record one verified misconduct report against a round target, with the reason and a case reference. Audited.',
    tag: 'publication',
    auth: SUPERVISORS,
    params: RoundParams,
    body: MisconductRequest,
    responses: { 201: { description: 'Recorded', schema: MisconductRecord } },
    errors: [...REVIEW_ERRORS, 'TARGET_NOT_IN_ROUND'],
    handler: async (ctx) => ({ status: 201, body: await recordMisconduct(ctx.deps, actor(ctx), ctx.params.id!, ctx.body) }),
  }),
  route({
    method: 'get',
    path: '/admin/rounds/:id/audit',
    summary: 'The round’s append-only audit log: voids, misconduct records, publications and corrections, oldest first.',
    tag: 'publication',
    auth: SUPERVISORS,
    params: RoundParams,
    responses: { 200: { description: 'Audit log', schema: AuditLogResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
    handler: async (ctx) => ({ body: { entries: (await ctx.deps.store.review.listAudit(ctx.params.id!)).map(({ roundId: _r, ...e }) => e) } }),
  }),
  route({
    method: 'post',
    path: '/admin/rounds/:id/publish',
    summary: 'Publish a closed round as version 1, or a correction of a published round as the next version (reason required). The snapshot is canonical JSON; its SHA-256 is returned.',
    tag: 'publication',
    auth: SUPERVISORS,
    params: RoundParams,
    body: PublishRequest,
    responses: { 201: { description: "Published; `tasks` says which rectification tasks the scheme's rules opened, or why that step must be run again (POST /admin/rounds/:id/tasks/from-rules)", schema: PublicationSummary.extend({ tasks: PublishTasksOutcome }) } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'ROUND_NOT_FOUND', 'ROUND_STATE_CONFLICT', 'PUBLICATION_CONFLICT', 'SCHEME_UNKNOWN', 'SCORING_INPUT_INVALID', 'INPUTS_INCOMPLETE', 'BALLOT_DIGEST_MISMATCH', 'STUFFING_UNDECIDED'],
    handler: async (ctx) => {
      const summary = await publishRound(ctx.deps, actor(ctx), ctx.params.id!, ctx.body.reason);
      // The publication stands whatever happens next; a failure to open its tasks is reported, not
      // hidden, and the tasks screen runs the same idempotent step again.
      const tasks = await tasksFromRules(ctx.deps, actor(ctx), ctx.params.id!).catch((e: unknown) => {
        const err = appErrorOf(e);
        return { error: err.code, message: err.toBody().error.message };
      });
      return { status: 201, body: { ...summary, tasks } };
    },
  }),
  route({
    method: 'get',
    path: '/admin/rounds/:id/consequences',
    summary: 'Consequence actions for the supervising office (praise, talks, interviews, accountability, removal …), each with its rule and the rounds that triggered it; from the published version, else a preview.',
    tag: 'publication',
    auth: SUPERVISORS,
    params: RoundParams,
    responses: { 200: { description: 'Actions', schema: ConsequencesResponse } },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ROUND_NOT_FOUND', 'SCHEME_UNKNOWN', 'SCORING_INPUT_INVALID', 'ROUND_CANCELLED'],
    handler: async (ctx) => ({ body: await roundConsequences(ctx.deps, ctx.params.id!) }),
  }),
  route({
    method: 'get',
    path: '/public/results',
    summary: 'Published rounds, newest period first.',
    tag: 'public results',
    auth: 'public',
    disclosure: 'public',
    responses: { 200: { description: 'Rounds', schema: PublicRoundList } },
    errors: [],
    handler: async (ctx) => ({ body: { rounds: await listPublished(ctx.deps) } }),
  }),
  route({
    method: 'get',
    path: '/public/rounds/:id/results',
    summary: 'A published version (?version=n, default the latest): snapshot, hash, all versions and the consequence list.',
    tag: 'public results',
    auth: 'public',
    disclosure: 'public',
    params: RoundParams,
    responses: { 200: { description: 'Published results', schema: PublicResults } },
    errors: PUBLIC_ERRORS,
    handler: async (ctx) => {
      const { stored, snapshot, versions } = await published(ctx);
      return { body: { version: stored.version, hash: stored.hash, publishedAt: stored.publishedAt, versions, snapshot, consequences: consequenceActions(snapshot.results, await snapshotRuleOrder(ctx.deps, snapshot)) } };
    },
  }),
  route({
    method: 'get',
    path: '/public/rounds/:id/snapshot.json',
    summary: 'The exact canonical bytes of a published version: sha256 of this body equals the published hash.',
    tag: 'public results',
    auth: 'public',
    disclosure: 'public',
    params: RoundParams,
    responses: { 200: { description: 'Canonical JSON', contentType: 'application/json' } },
    errors: PUBLIC_ERRORS,
    handler: async (ctx) => {
      const { stored } = await published(ctx);
      return { raw: { contentType: 'application/json; charset=utf-8', data: Buffer.from(stored.body, 'utf8'), filename: `${stored.roundId}-v${stored.version}.json` } };
    },
  }),
  route({
    method: 'get',
    path: '/public/rounds/:id/proof/:digest',
    summary: 'A receipt’s inclusion proof: the Merkle path from the receipt’s digest to the ballot root of a published version (?version=n, default the latest). The root is inside the snapshot whose hash is published.',
    tag: 'public results',
    auth: 'public',
    disclosure: 'public',
    params: z.object({ id: RoundId, digest: z.string().regex(/^[0-9a-f]{64}$/, 'digest: 64 lowercase hex characters') }),
    responses: { 200: { description: 'Inclusion proof', schema: BallotInclusionResponse } },
    errors: [...PUBLIC_ERRORS, 'RECEIPT_NOT_PUBLISHED'],
    handler: async (ctx) => ({ body: await inclusionOf(ctx.deps, ctx.params.id!, ctx.params.digest!, versionOf(ctx)) }),
  }),
];
