import { AppError } from '@shared/errors';
import type { PreviewResponse, PreviewSchemeRequest } from '@shared/api/schemes';
import { Snapshot } from '@shared/publication/snapshot';
import { comparePreview } from '@shared/schemes/preview';
import type { Deps } from '../deps';
import { getProgrammeOrThrow } from '../programmes/programmes';
import { score } from '../results';
import { validBody } from './schemes';

/**
 * Scores a body before it is saved: the programme's last published round re-scored under it,
 * beside what was published (its frozen facts, history included, so only the rules differ), or
 * the clerk's own sample table. Nothing is written.
 */
export async function previewScheme(deps: Deps, req: PreviewSchemeRequest): Promise<PreviewResponse> {
  const id = typeof req.body.id === 'string' && /^[a-z0-9-]{2,32}$/.test(req.body.id) ? req.body.id : 'preview';
  const scheme = validBody(req.body, id);
  if (req.sample) return comparePreview(undefined, score(scheme, req.sample, 'list'), { kind: 'sample', roundId: req.sample.roundId });
  const programme = await getProgrammeOrThrow(deps, req.programmeId!);
  const published = (await deps.store.rounds.listRounds())
    .filter((r) => r.programmeId === programme.id && r.status === 'published')
    .sort((a, b) => b.period.end.localeCompare(a.period.end) || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  const last = published[0];
  const stored = last ? await deps.store.publications.latest(last.id) : undefined;
  if (!last || !stored) throw new AppError('PUBLICATION_NOT_FOUND', { programmeId: programme.id, reason: 'the programme has no published round to preview against' });
  const snapshot = Snapshot.parse(JSON.parse(stored.body));
  return comparePreview(snapshot.results, score(scheme, snapshot.facts, 'list'), { kind: 'published', roundId: last.id, version: stored.version });
}
