import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { Notice } from '../notice';
import { findReceipt } from '../../lib/receipts';
import { flush } from '../../lib/outbox';
import './index.scss';

const POLL_MS = 1500;

type Props = { clientBallotId: string; onSettled: () => void };

/**
 * Shown where the ballot was filled in while it waits in the outbox. It stays on the same page
 * on purpose: with no network, H5 cannot even load the next page's code. When the outbox
 * settles the ballot (receipt or refusal), `onSettled` moves on.
 */
export function PendingBallot({ clientBallotId, onSettled }: Props) {
  useEffect(() => {
    const timer = setInterval(() => {
      if (findReceipt(clientBallotId)) onSettled();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [clientBallotId, onSettled]);

  return (
    <View data-testid='pending'>
      <Notice>网络不通，您的评价已保存在本机，网络恢复后会自动提交，不会重复计入，请勿重复填写。</Notice>
      <View className='pending-ballot__actions'>
        <Text className='pending-ballot__link' onClick={() => void flush()}>立即重试</Text>
      </View>
    </View>
  );
}
