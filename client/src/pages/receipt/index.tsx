import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { CHANNEL_LABELS } from '@shared/model/channel';
import { Notice } from '../../components/notice';
import { CarePage } from '../../components/care-page';
import { ReceiptCheck } from '../../components/receipt-check';
import { findReceipt, ReceiptEntry } from '../../lib/receipts';
import { flush, listPending, PendingBallot } from '../../lib/outbox';
import { formatTime } from '../../lib/format';
import { NextTarget } from './next';
import { tokenFromParams } from '../../lib/entry';
import './index.scss';

const POLL_MS = 1500;

function lookup(id: string): { entry?: ReceiptEntry; pending?: PendingBallot } {
  return { entry: findReceipt(id), pending: listPending().find((p) => p.request.clientBallotId === id) };
}

/**
 * The receipt of one ballot. While the ballot still waits in the outbox the page says so and
 * watches local storage, so the receipt appears by itself once the network is back.
 */
export default function ReceiptPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const listToken = tokenFromParams(params);
  const [state, setState] = useState(() => lookup(id));

  useEffect(() => {
    if (state.entry) return;
    const timer = setInterval(() => setState(lookup(id)), POLL_MS);
    return () => clearInterval(timer);
  }, [id, state.entry]);

  const { entry, pending } = state;
  return (
    <CarePage className='receipt'>
      {entry?.state === 'counted' && (
        <View className='receipt__card' data-testid='receipt'>
          <Text className='receipt__ok'>评价已提交</Text>
          <Text className='receipt__thanks'>感谢您的评价！</Text>
          <View className='receipt__row'><Text className='receipt__key'>回执编号</Text><Text className='receipt__id' data-testid='receipt-id'>{entry.receipt.receiptId}</Text></View>
          <View className='receipt__row'><Text className='receipt__key'>评价对象</Text><Text>{entry.receipt.targetName}</Text></View>
          <View className='receipt__row'><Text className='receipt__key'>评议活动</Text><Text>{entry.receipt.roundName}</Text></View>
          <View className='receipt__row'><Text className='receipt__key'>评价方式</Text><Text>{CHANNEL_LABELS[entry.receipt.channel]}</Text></View>
          <View className='receipt__row'><Text className='receipt__key'>提交时间</Text><Text>{formatTime(entry.receipt.receivedAt)}</Text></View>
          {entry.replayed && <Notice>这份评价此前已经送达，只计入一次</Notice>}
        </View>
      )}
      {entry?.state === 'counted' && <ReceiptCheck receipt={entry.receipt} />}
      {entry && listToken && params.targetId && <NextTarget token={listToken} targetId={params.targetId} />}
      {entry?.state === 'rejected' && <Notice tone='error' testId='refusal'>{`未计入：${entry.message}`}</Notice>}
      {!entry && pending && (
        <View data-testid='pending'>
          <Notice>网络不通，您的评价已保存在本机，网络恢复后会自动提交，不会重复计入，请勿重复填写。</Notice>
          <View className='receipt__actions'>
            <Text className='receipt__link' onClick={() => void flush().then(() => setState(lookup(id)))}>立即重试</Text>
          </View>
        </View>
      )}
      {!entry && !pending && <Notice tone='error'>没有找到这份评价的回执</Notice>}
      <View className='receipt__actions'>
        <Text className='receipt__link' onClick={() => Taro.redirectTo({ url: '/pages/mine/index' })}>我的评价</Text>
        <Text className='receipt__link' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>返回首页</Text>
      </View>
    </CarePage>
  );
}
