import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { CarePage } from '../../components/care-page';
import { Notice } from '../../components/notice';
import { TargetList } from '../../components/target-list';
import { ratePageUrl, tokenFromParams } from '../../lib/entry';
import { useLanding } from '../../lib/use-landing';
import { formatTime } from '../../lib/format';
import { listReceipts } from '../../lib/receipts';
import { answeredTargets, nextUnrated, progressOf, ratedOnDevice } from '../../lib/rated';
import { SubscribeButton } from '../../components/subscribe-button';
import { subscribeAsMember } from '../../api/messages';
import './index.scss';

/**
 * A panel member's invitation: the deadline, the progress (已评 x / 共 y), the units to rate
 * grouped by unit, which are done. The list is read again whenever the member comes back from a
 * ballot, and "done" joins the server's list with this device's receipts, so a ballot just sent
 * shows at once even before the server's answer is re-read.
 */
export default function InvitePage() {
  return (
    <CarePage className='invite'>
      <InviteBody />
    </CarePage>
  );
}

function InviteBody() {
  const token = tokenFromParams(useRouter().params);
  const state = useLanding(token, undefined, { refreshOnShow: true });
  if (state.status === 'loading') return <Notice>正在加载…</Notice>;
  if (state.status === 'error') return <Notice tone='error' testId='landing-error'>{state.message}</Notice>;
  const { landing } = state;
  const receipts = listReceipts();
  const answered = answeredTargets(landing, receipts);
  const isDone = (roundId: string, targetId: string) =>
    answered.has(targetId) || !!ratedOnDevice(receipts, { roundId, targetId, channel: landing.channel, rating: landing.rounds.find((r) => r.roundId === roundId)?.rating ?? 'round' });
  const { done, total } = progressOf(landing, answered);
  const next = nextUnrated(landing, answered);
  const expiresAt = landing.invitation?.expiresAt;
  return (
    <View>
      <View className='invite__head'>
        <Text className='invite__title'>{landing.channel === 'hearing' ? '您是本次听证评议的评议代表' : '您受邀参加定向评议'}</Text>
        {expiresAt && <Text className='invite__sub' data-testid='deadline'>{`请在 ${formatTime(expiresAt)} 前完成`}</Text>}
        <Text className='invite__progress' data-testid='progress'>{`已评 ${done} / 共 ${total}`}</Text>
        <View className='invite__bar'><View className='invite__bar-fill' style={{ width: `${total ? Math.round((done / total) * 100) : 0}%` }} /></View>
        {total > 0 && done >= total && <Text className='invite__sub'>全部评价完成，感谢您的参与！</Text>}
      </View>
      {next && (
        <View className='invite__next' data-testid='invite-next' onClick={() => Taro.navigateTo({ url: ratePageUrl(landing.token, { roundId: next.roundId, targetId: next.targetId }) })}>
          <Text>{`${done === 0 ? '开始评价' : '继续评价'}：${next.name} ›`}</Text>
        </View>
      )}
      {!landing.rounds.length && <Notice>该邀请目前没有需要评价的单位</Notice>}
      <TargetList landing={landing} isDone={isDone} />
      {token && <SubscribeButton label='订阅评议邀请和截止提醒' subscribe={() => subscribeAsMember(token)} />}
    </View>
  );
}
