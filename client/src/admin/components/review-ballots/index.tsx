import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { z } from 'zod';
import type { ReviewBallotsResponse } from '@shared/api/publication';
import { CHANNEL_LABELS, type ChannelKind } from '@shared/model/channel';
import { formatTime } from '../../../lib/format';
import './index.scss';

type ReviewBallot = z.infer<typeof ReviewBallotsResponse>['ballots'][number];

type Props = {
  ballots: ReviewBallot[];
  targetName: (id: string) => string;
  describe: (answers: Record<string, unknown>) => string;
  /** Voiding is possible only while the round is closed or published (the server checks too). */
  canVoid: boolean;
  busy: boolean;
  onVoid: (receiptId: string, reason: string) => void;
};

/**
 * The round's ballots as the reviewer sees them: what was said, where and when, never by whom.
 * Voiding asks for the reason on the spot; the ballot stays stored and is only subtracted.
 */
export function ReviewBallots({ ballots, targetName, describe, canVoid, busy, onVoid }: Props) {
  const [picked, setPicked] = useState<string>();
  const [reason, setReason] = useState('');
  const voided = ballots.filter((b) => b.voided).length;
  return (
    <View className='review-ballots'>
      <Text className='review-ballots__sum' data-testid='ballot-count'>{`共 ${ballots.length} 张评价票${voided ? `，已作废 ${voided} 张` : ''}`}</Text>
      {ballots.map((b) => (
        <View key={b.ballotId} className={`review-ballots__item ${b.voided ? 'is-void' : ''}`} data-testid={`ballot-${b.receiptId}`}>
          <Text className='review-ballots__head'>{`${targetName(b.targetId)} · ${CHANNEL_LABELS[b.channel as ChannelKind] ?? b.channel} · ${formatTime(b.receivedAt)}`}</Text>
          <Text className='review-ballots__answers'>{describe(b.answers)}</Text>
          {b.comment && <Text className='review-ballots__comment'>{`意见：${b.comment}`}</Text>}
          <Text className='review-ballots__meta'>{`回执号 ${b.receiptId}`}</Text>
          {b.voided && <Text className='review-ballots__void' data-testid='void-reason'>{`已作废：${b.voidReason ?? ''}`}</Text>}
          {canVoid && !b.voided && picked !== b.receiptId && (
            <Text className='review-ballots__link' data-testid='void-open' onClick={() => { setPicked(b.receiptId); setReason(''); }}>作废此票</Text>
          )}
          {picked === b.receiptId && !b.voided && (
            <View className='review-ballots__form'>
              <Input className='review-ballots__input' value={reason} placeholder='作废理由（必填，记入审计日志）' onInput={(e) => setReason(e.detail.value)} data-testid='void-reason-input' />
              <View className='review-ballots__actions'>
                <Button size='small' type='danger' loading={busy} disabled={busy || reason.trim().length < 2} data-testid='void-confirm'
                  onClick={() => onVoid(b.receiptId, reason.trim())}>确认作废</Button>
                <Button size='small' disabled={busy} onClick={() => setPicked(undefined)}>取消</Button>
              </View>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
