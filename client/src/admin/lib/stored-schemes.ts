import { useEffect, useState } from 'react';
import type { ChannelKind } from '@shared/model/channel';
import { getScheme, listSchemes, type SchemeSummary } from '../../api/schemes';
import type { SchemeGroup } from './group-map';

/**
 * The stored schemes a round or programme can be created on (the county's own first, then the
 * presets), from GET /api/admin/schemes; empty until loaded or when the list cannot be read.
 */
export function useStoredSchemes(enabled: boolean): SchemeSummary[] {
  const [schemes, setSchemes] = useState<SchemeSummary[]>([]);
  useEffect(() => {
    if (enabled) listSchemes().then((r) => setSchemes([...r.schemes].sort((a, b) => Number(a.preset) - Number(b.preset))), () => setSchemes([]));
  }, [enabled]);
  return schemes;
}

/** What the round form needs of a stored scheme's latest version (undefined while unknown). */
export type SchemeOutline = { channels: ChannelKind[]; groups: SchemeGroup[] };

/** The channels and ranking groups a stored scheme's latest version reads (undefined while unknown). */
export function useSchemeOutline(schemeId: string): SchemeOutline | undefined {
  const [outline, setOutline] = useState<SchemeOutline>();
  useEffect(() => {
    setOutline(undefined);
    if (schemeId) getScheme(schemeId).then((d) => setOutline({ channels: d.scheme.body.channels, groups: d.scheme.body.groups ?? [] }), () => undefined);
  }, [schemeId]);
  return outline;
}

/** How a stored scheme is named in a chooser: its name, version and 预置 mark. */
export function schemeChoiceLabel(s: SchemeSummary): string {
  return `${s.name}（${s.preset ? '预置' : `第${s.latestVersion}版`}）`;
}
