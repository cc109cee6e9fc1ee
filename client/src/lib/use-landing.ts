import { useEffect, useState } from 'react';
import type { LandingResponse } from '@shared/api/tokens';
import { getLanding } from '../api/citizen';
import { userMessage } from '../api/errors';

export type LandingState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; landing: LandingResponse };

/** Resolves a token once per page (only `targetId`'s entry when named); a missing token is an error sentence, not a crash. */
export function useLanding(token: string | undefined, targetId?: string): LandingState {
  const [state, setState] = useState<LandingState>({ status: 'loading' });
  useEffect(() => {
    if (!token) {
      setState({ status: 'error', message: '没有找到评价码，请重新扫描窗口二维码或打开评议链接' });
      return;
    }
    let live = true;
    getLanding(token, targetId ? { targetId } : {})
      .then((landing) => live && setState({ status: 'ready', landing }))
      .catch((e) => live && setState({ status: 'error', message: userMessage(e) }));
    return () => {
      live = false;
    };
  }, [token, targetId]);
  return state;
}
