import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Notice } from '../../components/notice';
import { CarePage } from '../../components/care-page';
import { listReceipts, ReceiptEntry } from '../../lib/receipts';
import { flush, listPending, PendingBallot } from '../../lib/outbox';
import { formatTime } from '../../lib/format';
import './index.scss';

/** 我的评价: ballots waiting to be sent, then the receipts this device keeps, newest first. */
export default function MinePage() {
  const [pending, setPending] = useState<PendingBallot[]>([]);
  const [receipts, setReceipts] = useState<ReceiptEntry[]>([]);
  const reload = () => {
    setPending(listPending());
    setReceipts(listReceipts());
  };
  useDidShow(reload);

  const open = (id: string) => Taro.navigateTo({ url: `/pages/receipt/index?id=${id}` });
  return (
    <CarePage className='mine'>
      {pending.length > 0 && (
        <View className='mine__group'>
          <Notice>{`${pending.length} 份评价等待网络恢复后自动提交`}</Notice>
          {pending.map((p) => (
            <View key={p.request.clientBallotId} className='mine__item' onClick={() => open(p.request.clientBallotId)}>
              <Text className='mine__name'>{p.targetName}</Text>
              <Text className='mine__state mine__state--wait'>等待提交</Text>
            </View>
          ))}
          <Text className='mine__retry' onClick={() => void flush().then(reload)}>立即重试</Text>
        </View>
      )}
      {receipts.length === 0 && pending.length === 0 && <Notice>您还没有评价记录</Notice>}
      {receipts.map((r) => (
        <View key={r.clientBallotId} className='mine__item' data-testid='mine-item' onClick={() => open(r.clientBallotId)}>
          <View className='mine__names'>
            <Text className='mine__name'>{r.state === 'counted' ? r.receipt.targetName : r.targetName}</Text>
            <Text className='mine__sub'>
              {r.state === 'counted' ? `${r.receipt.roundName} · ${formatTime(r.receipt.receivedAt)}` : r.message}
            </Text>
            {r.state === 'counted' && <Text className='mine__sub'>{`回执编号 ${r.receipt.receiptId}`}</Text>}
          </View>
          <Text className={`mine__state mine__state--${r.state}`}>{r.state === 'counted' ? '已计入' : '未计入'}</Text>
        </View>
      ))}
      <Text className='mine__note'>评价记录只保存在本机，更换手机或清除数据后将不再显示。</Text>
    </CarePage>
  );
}
