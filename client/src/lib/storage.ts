import Taro from '@tarojs/taro';

/**
 * Typed wrappers over Taro's synchronous storage (localStorage in H5, wx storage in WeChat).
 * Every key the client uses is listed here so two modules never fight over one.
 */
export const STORAGE_KEYS = {
  session: 'qp.session',
  deviceName: 'qp.device',
  outbox: 'qp.outbox',
  receipts: 'qp.receipts',
  staffSession: 'qp.staffSession',
  careMode: 'qp.careMode',
} as const;

export function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = Taro.getStorageSync(key);
    if (raw === '' || raw === undefined || raw === null) return fallback;
    return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T;
  } catch {
    // A corrupt entry must not brick the app; the caller starts from the fallback.
    return fallback;
  }
}

export function writeJson(key: string, value: unknown): void {
  Taro.setStorageSync(key, JSON.stringify(value));
}

export function removeKey(key: string): void {
  Taro.removeStorageSync(key);
}
