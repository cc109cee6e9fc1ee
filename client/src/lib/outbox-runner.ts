import Taro from '@tarojs/taro';
import { flush, listPending } from './outbox';

const RETRY_EVERY_MS = 15_000;
let started = false;

/**
 * Keeps retrying the queue while the app is open: when the network comes back (WeChat's
 * network-status event; the browser's `online` event in H5), when the app is shown again,
 * and on a timer for networks that never announce they are back.
 */
export function startOutboxRunner(): void {
  if (started) return;
  started = true;
  const kick = () => {
    if (listPending().length) void flush();
  };
  Taro.onNetworkStatusChange((res) => {
    if (res.isConnected) kick();
  });
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.addEventListener('online', kick);
  setInterval(kick, RETRY_EVERY_MS);
  kick();
}
