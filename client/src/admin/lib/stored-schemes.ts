import { useEffect, useState } from 'react';
import type { ChannelKind } from '@shared/model/channel';
import { getScheme, listSchemes, type SchemeSummary } from '../../api/schemes';

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

/** The channels a stored scheme's latest version reads (undefined while unknown). */
export function useSchemeChannels(schemeId: string): ChannelKind[] | undefined {
  const [channels, setChannels] = useState<ChannelKind[]>();
  useEffect(() => {
    setChannels(undefined);
    if (schemeId) getScheme(schemeId).then((d) => setChannels(d.scheme.body.channels), () => undefined);
  }, [schemeId]);
  return channels;
}

/** How a stored scheme is named in a chooser: its name, version and 预置 mark. */
export function schemeChoiceLabel(s: SchemeSummary): string {
  return `${s.name}（${s.preset ? '预置' : `第${s.latestVersion}版`}）`;
}
