import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Notice } from '../../components/notice';
import { TargetList } from '../../components/target-list';
import { tokenFromParams } from '../../lib/entry';
import { useLanding } from '../../lib/use-landing';
import { formatTime } from '../../lib/format';
import { listReceipts } from '../../lib/receipts';
import { SubscribeButton } from '../../components/subscribe-button';
import { subscribeAsMember } from '../../api/messages';
import './index.scss';

/**
 * A panel member's invitation: the deadline, the units to rate, which are done. "Done" joins
 * the server's list with this device's receipts, so a ballot just sent shows at once.
 */
export default function InvitePage() {
  const token = tokenFromParams(useRouter().params);
  const state = useLanding(token);
  if (state.status === 'loading') return <Notice>正在加载…</Notice>;
  if (state.status === 'error') return <Notice tone='error' testId='landing-error'>{state.message}</Notice>;
  const { landing } = state;
  const answered = new Set(landing.invitation?.answeredTargetIds ?? []);
  const roundIds = new Set(landing.rounds.map((r) => r.roundId));
  for (const r of listReceipts()) {
    if (r.state === 'counted' && r.receipt.channel === landing.channel && roundIds.has(r.receipt.roundId)) answered.add(r.receipt.targetId);
  }
  const total = landing.rounds.reduce((n, r) => n + (r.total ?? r.targets.length), 0);
  const expiresAt = landing.invitation?.expiresAt;
  return (
    <View className='invite'>
      <View className='invite__head'>
        <Text className='invite__title'>{landing.channel === 'hearing' ? '您是本次听证评议的评议代表' : '您受邀参加定向评议'}</Text>
        {expiresAt && <Text className='invite__sub' data-testid='deadline'>{`请在 ${formatTime(expiresAt)} 前完成`}</Text>}
        <Text className='invite__sub'>{`共 ${total} 个单位，已评价 ${answered.size} 个`}</Text>
      </View>
      {!landing.rounds.length && <Notice>该邀请目前没有需要评价的单位</Notice>}
      <TargetList landing={landing} answered={answered} />
      {token && <SubscribeButton label='订阅评议邀请和截止提醒' subscribe={() => subscribeAsMember(token)} />}
    </View>
  );
}
