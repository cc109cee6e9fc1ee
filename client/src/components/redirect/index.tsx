import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Notice } from '../notice';

/** Replaces the current page after render (navigating during render runs twice under StrictMode). */
export function Redirect({ url }: { url: string }) {
  useEffect(() => {
    void Taro.redirectTo({ url });
  }, [url]);
  return <Notice>正在跳转…</Notice>;
}
