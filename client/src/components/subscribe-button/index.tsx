import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { SubscribeResponse } from '@shared/api/messages';
import { canSubscribe } from '../../api/messages';
import { userMessage } from '../../api/errors';
import './index.scss';

type Props = { label: string; subscribe: () => Promise<SubscribeResponse> };

/**
 * 订阅消息: a tap opens WeChat's consent dialog (it must come from a tap) and binds this WeChat
 * user to receive the messages accepted. Shown only in the mini-program.
 */
export function SubscribeButton({ label, subscribe }: Props) {
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'done'; count: number } | { kind: 'error'; message: string }>({ kind: 'idle' });
  if (!canSubscribe) return null;
  const run = () => {
    setState({ kind: 'busy' });
    subscribe().then((r) => setState({ kind: 'done', count: r.subscribed.length }), (e) => setState({ kind: 'error', message: userMessage(e) }));
  };
  return (
    <View className='subscribe'>
      <View className='subscribe__button' onClick={state.kind === 'busy' ? undefined : run}>
        <Text>{state.kind === 'busy' ? '正在订阅…' : label}</Text>
      </View>
      {state.kind === 'done' && <Text className='subscribe__note'>{state.count > 0 ? '已订阅，届时将通过微信服务通知提醒您' : '您未同意接收提醒，可随时再次订阅'}</Text>}
      {state.kind === 'error' && <Text className='subscribe__note subscribe__note--error'>{state.message}</Text>}
    </View>
  );
}
