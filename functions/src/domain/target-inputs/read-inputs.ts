import { factsOfFields, type FieldMap } from '@shared/target-inputs/fields';
import type { Deps } from '../deps';
import type { StoredField, TargetInputs } from './port';

/** The round's stored fields grouped by target. */
export function fieldsByTarget(fields: StoredField[]): Map<string, FieldMap> {
  const out = new Map<string, FieldMap>();
  for (const f of fields) {
    const m = out.get(f.targetId) ?? {};
    m[f.field] = f.value;
    out.set(f.targetId, m);
  }
  return out;
}

/** Every target's entered inputs, assembled from its fields (what round-facts.ts gives the engine). */
export async function listTargetInputs(deps: Deps, roundId: string): Promise<TargetInputs[]> {
  const by = fieldsByTarget(await deps.store.targetInputs.listFields(roundId));
  return [...by].map(([targetId, fields]) => ({ targetId, ...factsOfFields(fields) }));
}
