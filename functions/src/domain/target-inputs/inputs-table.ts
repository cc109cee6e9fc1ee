import { AppError } from '@shared/errors';
import { Scheme } from '@shared/scoring';
import { inputColumns } from '@shared/target-inputs/fields';
import type { TargetInputsTable } from '@shared/api/target-inputs';
import type { Deps } from '../deps';
import { getRoundOrThrow } from '../rounds-admin';
import { isRoundTarget } from '../round-rules';
import { groupOf } from '../groups';
import { roundResults } from '../results';
import { fieldsByTarget } from './read-inputs';

/**
 * The office's inputs table for a round: the columns its scheme reads, and per target the
 * fields entered so far and what is still 待录入 (from the live results, so the table and the
 * results never disagree about what is missing).
 */
export async function inputsTable(deps: Deps, roundId: string): Promise<TargetInputsTable> {
  const round = await getRoundOrThrow(deps, roundId);
  const parsed = Scheme.safeParse((await deps.schemes(round)));
  if (!parsed.success) throw new AppError('SCHEME_UNKNOWN', { schemeId: round.schemeId });
  const scheme = parsed.data;
  const [nodes, categories, fields, results] = await Promise.all([
    deps.store.org.listNodesOfKind(round.targetKind),
    deps.store.org.listNodesOfKind('category'),
    deps.store.targetInputs.listFields(roundId),
    // Results that cannot be read (a round-level problem) still leave the table usable.
    roundResults(deps, roundId).catch(() => undefined),
  ]);
  const columns = inputColumns(scheme, round.channels);
  const by = fieldsByTarget(fields);
  const missing = new Map((results?.targets ?? []).map((t) => [t.targetId, (t.missing ?? []).map(({ field, label }) => ({ field, label }))]));
  const groupLabel = (g: string) => scheme.groups?.find((x) => x.id === g)?.label ?? categories.find((c) => c.id === g)?.name ?? g;
  const targets = nodes
    .filter((n) => isRoundTarget(round, n))
    .sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')))
    .map((n) => {
      const group = groupOf(round, n) ?? n.id;
      return {
        targetId: n.id,
        name: n.name,
        group,
        groupLabel: groupLabel(group),
        fields: by.get(n.id) ?? {},
        applies: columns.filter((c) => !c.groups || c.groups.includes(group)).map((c) => c.field),
        missing: missing.get(n.id) ?? [],
      };
    });
  return { roundId, status: round.status, locked: round.status === 'published', columns, targets };
}
