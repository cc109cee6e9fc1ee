import { useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { LandingResponse } from '@shared/api/tokens';
import { getLanding } from '../api/citizen';
import { userMessage } from '../api/errors';

export type LandingState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; landing: LandingResponse };

/**
 * Resolves a token once per page (only `targetId`'s entry when named); a missing token is an
 * error sentence, not a crash. `refreshOnShow`: read it again each time the page comes back into
 * view (a list the citizen returns to after rating one of its targets), keeping the old answer
 * on screen meanwhile.
 */
export function useLanding(token: string | undefined, targetId?: string, opts: { refreshOnShow?: boolean } = {}): LandingState {
  const [state, setState] = useState<LandingState>({ status: 'loading' });
  const [shown, setShown] = useState(0);
  const firstShow = useRef(true);
  useDidShow(() => {
    // The first show is the page opening, which the effect below already covers.
    if (firstShow.current) firstShow.current = false;
    else if (opts.refreshOnShow) setShown((n) => n + 1);
  });
  useEffect(() => {
    if (!token) {
      setState({ status: 'error', message: '没有找到评价码，请重新扫描窗口二维码或打开评议链接' });
      return;
    }
    let live = true;
    getLanding(token, targetId ? { targetId } : {})
      .then((landing) => live && setState({ status: 'ready', landing }))
      .catch((e) => live && setState((prev) => (prev.status === 'ready' && shown > 0 ? prev : { status: 'error', message: userMessage(e) })));
    return () => {
      live = false;
    };
  }, [token, targetId, shown]);
  return state;
}
