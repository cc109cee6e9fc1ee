import { z } from 'zod';
import { CreateDrawRequest, DrawLogResponse, DrawSummary } from '@shared/api/panels';
import { DrawRecord } from '@shared/draw/draw';
import type { Reveal } from '@shared/draw/draw';
import { apiRequest } from './http';

/**
 * Public panel draws (公开抽取评议代表): the supervising office commits and reveals; anyone reads the
 * published draw, its log and its full record, and can re-run it.
 */
const enc = encodeURIComponent;

export function createDraw(roundId: string, req: z.input<typeof CreateDrawRequest>) {
  return apiRequest({ method: 'POST', path: `/admin/rounds/${enc(roundId)}/draws`, body: req, auth: 'staff', schema: DrawSummary });
}

export function revealDraw(drawId: string, reveals: Reveal[]) {
  return apiRequest({ method: 'POST', path: `/admin/draws/${enc(drawId)}/reveal`, body: { reveals }, auth: 'staff', schema: DrawSummary });
}

export function getDraw(drawId: string) {
  return apiRequest({ path: `/draws/${enc(drawId)}`, auth: 'none', schema: DrawSummary });
}

/** The record with its pool (representative codes, strata, household codes; no names). */
export function getDrawRecord(drawId: string) {
  return apiRequest({ path: `/draws/${enc(drawId)}/record`, auth: 'none', schema: DrawRecord });
}

export function drawLog(roundId: string) {
  return apiRequest({ path: `/rounds/${enc(roundId)}/draw-log`, auth: 'none', schema: DrawLogResponse });
}
