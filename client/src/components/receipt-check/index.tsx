import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { Receipt } from '@shared/model/ballot';
import { verifyInclusion } from '@shared/publication/merkle';
import { getInclusion } from '../../api/citizen';
import { ApiError } from '../../api/errors';
import { Notice } from '../notice';
import './index.scss';

type Check =
  | { state: 'checking' }
  | { state: 'unpublished' }
  | { state: 'included'; version: number; hash: string; voidReason?: string }
  | { state: 'missing' }
  | { state: 'failed' }
  | { state: 'unavailable' };

/**
 * After publication: is this ballot in the published result? The proof comes from the server,
 * but the phone recomputes the root from the receipt's own digest (shared/publication/merkle.ts),
 * so a server that dropped or altered the ballot cannot show 「已收录」. The snapshot hash is shown
 * to compare with the one printed in the newspaper, which the root is part of.
 */
export function ReceiptCheck({ receipt }: { receipt: Receipt }) {
  const [check, setCheck] = useState<Check>({ state: 'checking' });
  const digest = receipt.digest;

  useEffect(() => {
    if (!digest) return;
    let live = true;
    getInclusion(receipt.roundId, digest).then(
      (p) => {
        if (!live) return;
        const ok = p.digest === digest && verifyInclusion(digest, p.proof, { root: p.root, size: p.proof.size });
        setCheck(ok ? { state: 'included', version: p.version, hash: p.hash, ...(p.voided ? { voidReason: p.voided.reason } : {}) } : { state: 'failed' });
      },
      (e: unknown) => {
        if (!live) return;
        const code = e instanceof ApiError ? e.code : '';
        setCheck({ state: code === 'PUBLICATION_NOT_FOUND' ? 'unpublished' : code === 'RECEIPT_NOT_PUBLISHED' ? 'missing' : 'unavailable' });
      },
    );
    return () => {
      live = false;
    };
  }, [receipt.roundId, digest]);

  // Receipts from before digests, and rounds not yet published, have nothing to check.
  if (!digest || check.state === 'checking' || check.state === 'unpublished') return null;
  if (check.state === 'unavailable') return <Notice testId='receipt-check'>暂时无法核验是否已收录，请稍后再看</Notice>;
  if (check.state === 'missing') return <Notice tone='error' testId='receipt-check'>{`公布结果中没有找到这份评价，请凭回执编号 ${receipt.receiptId} 向监督部门反映`}</Notice>;
  if (check.state === 'failed') return <Notice tone='error' testId='receipt-check'>{`核验未通过：公布结果与这份回执不一致，请凭回执编号 ${receipt.receiptId} 向监督部门反映`}</Notice>;
  return (
    <View className='receipt-check' data-testid='receipt-check'>
      <Notice tone='ok'>{check.voidReason ? `已收录于公布结果（第${check.version}版），但经审核未计入：${check.voidReason}` : `✓ 已收录于公布结果（第${check.version}版）`}</Notice>
      <Text className='receipt-check__hash'>{`结果哈希 ${check.hash.slice(0, 16)}…，可与公布的哈希核对`}</Text>
    </View>
  );
}
