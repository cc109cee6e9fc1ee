import { useEffect, useState } from 'react';
import type { LandingResponse } from '@shared/api/tokens';
import { getLanding } from '../../api/citizen';
import { userMessage } from '../../api/errors';
import type { ListedTarget } from './groups';

/** A county has hundreds of sections, not tens of thousands: past this many the rest waits for a tap. */
const AUTO_PAGES = 40;

/**
 * Every target a link covers, so search and grouping see them all: the landing's first page at
 * once, then the following pages (the landing's opaque `next`) one after another.
 */
export function useAllTargets(landing: LandingResponse): { targets: ListedTarget[]; loading: boolean; error?: string; more?: () => void } {
  const first = landing.rounds.flatMap((r) => r.targets.map((t) => ({ ...t, roundId: r.roundId })));
  const [extra, setExtra] = useState<ListedTarget[]>([]);
  const [state, setState] = useState<{ loading: boolean; error?: string; stopped?: Array<{ roundId: string; next: string }> }>({ loading: false });
  const cursors = landing.rounds.filter((r) => r.next).map((r) => ({ roundId: r.roundId, next: r.next! }));
  const key = `${landing.token}|${cursors.map((c) => c.next).join(',')}`;

  const load = (start: Array<{ roundId: string; next: string }>, isLive: () => boolean) => {
    if (start.length === 0) return;
    setState({ loading: true });
    void (async () => {
      const found: ListedTarget[] = [];
      let pages = 0;
      const queue = [...start];
      try {
        while (queue.length > 0 && pages < AUTO_PAGES) {
          const { roundId, next } = queue.shift()!;
          const page = (await getLanding(landing.token, { after: next })).rounds.find((r) => r.roundId === roundId);
          pages++;
          if (!isLive()) return;
          found.push(...(page?.targets ?? []).map((t) => ({ ...t, roundId })));
          setExtra((prev) => [...prev, ...(page?.targets ?? []).map((t) => ({ ...t, roundId }))]);
          if (page?.next) queue.push({ roundId, next: page.next });
        }
        if (isLive()) setState({ loading: false, ...(queue.length ? { stopped: queue } : {}) });
      } catch (e) {
        if (isLive()) setState({ loading: false, error: userMessage(e), stopped: queue.length ? queue : start });
      }
    })();
  };

  useEffect(() => {
    let live = true;
    setExtra([]);
    load(cursors, () => live);
    return () => {
      live = false;
    };
    // The cursors are the landing's; a refreshed landing with the same pages needs no reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const seen = new Set(first.map((t) => `${t.roundId}|${t.id}`));
  const targets = [...first, ...extra.filter((t) => !seen.has(`${t.roundId}|${t.id}`))];
  const stopped = state.stopped;
  return { targets, loading: state.loading, ...(state.error ? { error: state.error } : {}), ...(stopped && !state.loading ? { more: () => load(stopped, () => true) } : {}) };
}
