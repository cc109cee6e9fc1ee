import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { Round } from '@shared/model/round';
import type { PublicationSummary } from '@shared/api/publication';
import './index.scss';

/** What publishing will make public, from the ranking shown above the box. */
export type PublishPreview = { targets: number; ranked: number; consequences: number; pending: number };
type Props = { round: Round; last?: PublicationSummary; busy: boolean; preview?: PublishPreview; onPublish: (reason?: string) => void };

/** The confirmation's words: what becomes public, and that it cannot be taken back. */
export function publishConfirmText(p: PublishPreview | undefined, correcting: boolean): string {
  const what = p ? `将公布 ${p.targets} 个评议对象的结果（${p.ranked} 个参加排名），处理措施 ${p.consequences} 项。` : '';
  const pending = p && p.pending > 0 ? `还有 ${p.pending} 项数据待录入，服务器将拒绝发布。` : '';
  return `${what}${pending}${correcting ? '更正版本发布后，原版本仍可查阅。' : '发布后结果即对外公开，不能撤回，只能发布更正版本。'}`;
}

/**
 * Publishing: a closed round becomes version 1; a published one can only be corrected by a new
 * version with a reason (the earlier version stays readable under its own hash). It sits below the
 * ranking it publishes, and asks once more, saying what becomes public.
 */
export function PublishBox({ round, last, busy, preview, onPublish }: Props) {
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
        onClick={async () => {
          const r = await Taro.showModal({ title: correcting ? '确认发布更正版本' : '确认发布评议结果', content: publishConfirmText(preview, correcting), confirmText: '确认发布', cancelText: '再看看' });
          if (r.confirm) onPublish(correcting ? reason.trim() : undefined);
        }}>{correcting ? '发布更正版本' : '发布评议结果'}</Button>
    </View>
  );
}
