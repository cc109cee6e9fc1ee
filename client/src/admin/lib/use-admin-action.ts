import { useState } from 'react';
import { userMessage } from '../../api/errors';

export type AdminMessage = { tone: 'ok' | 'error'; text: string };

/**
 * The one way an admin page runs an action: busy while it runs, "<label>成功" or the server's
 * own message after, then the page's data reloaded so what is shown is what is stored.
 */
export function useAdminAction(reload: () => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<AdminMessage>();
  const act = async (label: string, fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      setMessage({ tone: 'ok', text: `${label}成功` });
      await reload();
    } catch (e) {
      setMessage({ tone: 'error', text: userMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  /** For a failed load: the page shows why. */
  const fail = (e: unknown) => setMessage({ tone: 'error', text: userMessage(e) });
  return { busy, message, act, fail };
}
