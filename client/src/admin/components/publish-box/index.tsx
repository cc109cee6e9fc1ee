import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { Round } from '@shared/model/round';
import type { PublicationSummary } from '@shared/api/publication';
import './index.scss';

type Props = { round: Round; last?: PublicationSummary; busy: boolean; onPublish: (reason?: string) => void };

/**
 * Publishing: a closed round becomes version 1; a published one can only be corrected by a new
 * version with a reason (the earlier version stays readable under its own hash).
 */
export function PublishBox({ round, last, busy, onPublish }: Props) {
  const [reason, setReason] = useState('');
  const correcting = round.status === 'published';
  if (round.status === 'cancelled') return <Text className='publish-box__hint' data-testid='round-cancelled'>{`本轮评议已取消，不公布结果，不计入连续评议${round.cancelReason ? `（原因：${round.cancelReason}）` : ''}`}</Text>;
  if (round.status !== 'closed' && !correcting) return <Text className='publish-box__hint'>评议结束后才能审核和发布结果</Text>;
  return (
    <View className='publish-box'>
      {last && (
        <View data-testid='published'>
          <Text className='publish-box__line' data-testid='published-version'>{`已发布第 ${last.version} 版`}</Text>
          <Text className='publish-box__hash' userSelect data-testid='published-hash'>{last.hash}</Text>
          <Text className='publish-box__link' onClick={() => Taro.navigateTo({ url: `/public/pages/round/index?id=${round.id}` })}>查看公开结果</Text>
        </View>
      )}
      {correcting && (
        <Input className='publish-box__input' value={reason} placeholder='更正理由（必填）' onInput={(e) => setReason(e.detail.value)} data-testid='publish-reason' />
      )}
      <Button type='primary' block loading={busy} disabled={busy || (correcting && reason.trim().length < 2)} data-testid='publish'
        onClick={() => onPublish(correcting ? reason.trim() : undefined)}>{correcting ? '发布更正版本' : '发布评议结果'}</Button>
    </View>
  );
}
