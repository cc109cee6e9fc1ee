import { ConsequencesResponse } from '@shared/api/publication';
import { apiRequest } from './http';

/**
 * The supervising office's action list for a round (表扬, 谈话, 约谈, 问责, 免职 …), each with its
 * rule and the rounds that triggered it: from the latest published version, else a preview.
 */
export function roundConsequences(roundId: string): Promise<ConsequencesResponse> {
  return apiRequest({ path: `/admin/rounds/${encodeURIComponent(roundId)}/consequences`, auth: 'staff', schema: ConsequencesResponse });
}

export type ConsequenceAction = ConsequencesResponse['actions'][number];
export type { ConsequencesResponse };
