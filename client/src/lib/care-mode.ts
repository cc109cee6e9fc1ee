import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { readJson, STORAGE_KEYS, writeJson } from './storage';

/**
 * 关怀模式 (care mode, the 适老化 rules): larger text and larger tap targets on the citizen pages
 * and the unit staff pages (login, my unit, rankings, rectification tasks).
 *
 * It starts from the phone's own setting — WeChat's 字体大小 (`fontSizeSetting`, 17 is the
 * standard size) in the mini-program, the browser's default font size in H5 (a user who set
 * "large text" gets a `medium` font above 16 px) — and the citizen's own choice on the page
 * toggle overrides it and is remembered on the device.
 */

/** WeChat reports the chat font size in px; 17 is 标准, anything above is one of the larger steps. */
const WECHAT_STANDARD = 17;
/** Browsers' default `medium` font size; a larger one means the user asked for larger text. */
const BROWSER_STANDARD = 16;

type Stored = 'on' | 'off' | null;

/** Whether the phone's own text-size setting asks for larger text. */
export function systemPrefersLarge(): boolean {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      // getAppBaseInfo replaces the deprecated getSystemInfoSync on newer base libraries; both carry it.
      const info = (typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as { fontSizeSetting?: number };
      return (info.fontSizeSetting ?? WECHAT_STANDARD) > WECHAT_STANDARD;
    }
    if (typeof document === 'undefined' || !document.body) return false;
    // Taro sets the root element's font size from the screen width, so read the user's default on a probe.
    const probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium;';
    document.body.appendChild(probe);
    const size = parseFloat(getComputedStyle(probe).fontSize);
    probe.remove();
    return size > BROWSER_STANDARD + 0.5;
  } catch {
    return false;
  }
}

/**
 * The mode in force: the citizen's remembered choice, else the phone's setting.
 * @example careModeFrom('on', false) // true
 */
export function careModeFrom(stored: Stored, systemLarge: boolean): boolean {
  return stored === null ? systemLarge : stored === 'on';
}

const listeners = new Set<(on: boolean) => void>();
let current: boolean | undefined;

export function isCareMode(): boolean {
  if (current === undefined) current = careModeFrom(readJson<Stored>(STORAGE_KEYS.careMode, null), systemPrefersLarge());
  return current;
}

/** Remembers the citizen's choice and tells every mounted page. */
export function setCareMode(on: boolean): void {
  current = on;
  writeJson(STORAGE_KEYS.careMode, on ? 'on' : 'off');
  for (const l of listeners) l(on);
}

/** The mode in force, re-rendering when the toggle on any page changes it. */
export function useCareMode(): boolean {
  const [on, setOn] = useState(isCareMode);
  useEffect(() => {
    listeners.add(setOn);
    setOn(isCareMode());
    return () => void listeners.delete(setOn);
  }, []);
  return on;
}
