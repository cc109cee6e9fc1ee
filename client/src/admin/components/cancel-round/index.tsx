import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { CANCELLABLE_STATUSES, type RoundStatus } from '@shared/model/round';
import { cancelRound } from '../../../api/programmes';

type Props = { roundId: string; roundName: string; status: RoundStatus; act: (label: string, fn: () => Promise<unknown>) => Promise<void> };

/**
 * Cancelling a round: a reason first (required, kept on the round and in the audit log), then a
 * confirmation that says what it means, since it cannot be undone. Only for rounds not published.
 */
export function CancelRound({ roundId, roundName, status, act }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!CANCELLABLE_STATUSES.includes(status)) return null;
  if (!open)
    return (
      <Text className='admin__link' data-testid={`cancel-${roundId}`} onClick={() => setOpen(true)}>
        取消本轮评议
      </Text>
    );
  const confirm = async () => {
    const r = await Taro.showModal({ title: '确认取消', content: `取消后“${roundName}”不再接受评价，不公布结果，也不计入任何连续评议。此操作不能撤销。`, confirmText: '确认取消', cancelText: '再想想' });
    if (!r.confirm) return;
    await act('取消评议', () => cancelRound(roundId, reason.trim()));
    setOpen(false);
  };
  return (
    <View data-testid={`cancel-form-${roundId}`}>
      <Text className='admin__label'>取消原因（必填，记入审计日志）</Text>
      <Input className='admin__input' data-testid={`cancel-reason-${roundId}`} value={reason} placeholder='例如：抽样链接误发，本轮作废重评' onInput={(e) => setReason(e.detail.value)} />
      <View className='admin__actions'>
        <Button size='small' type='danger' data-testid={`cancel-confirm-${roundId}`} disabled={reason.trim().length < 2} onClick={() => void confirm()}>
          取消本轮
        </Button>
        <Button size='small' onClick={() => setOpen(false)}>返回</Button>
      </View>
    </View>
  );
}
