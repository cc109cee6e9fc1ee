import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { CarePage } from '../../components/care-page';
import { Notice } from '../../components/notice';
import { TargetList } from '../../components/target-list';
import { tokenFromParams } from '../../lib/entry';
import { useLanding } from '../../lib/use-landing';
import { formatTime } from '../../lib/format';
import { listReceipts } from '../../lib/receipts';
import { ratedOnDevice } from '../../lib/rated';
import '../invite/index.scss';

/** Published sampling link: the round, its closing time, and the units one may rate, searchable and grouped by unit. */
export default function SamplePage() {
  return (
    <CarePage className='invite'>
      <SampleBody />
    </CarePage>
  );
}

function SampleBody() {
  const state = useLanding(tokenFromParams(useRouter().params), undefined, { refreshOnShow: true });
  if (state.status === 'loading') return <Notice>正在加载…</Notice>;
  if (state.status === 'error') return <Notice tone='error' testId='landing-error'>{state.message}</Notice>;
  const { landing } = state;
  if (!landing.rounds.length) return <Notice>目前没有进行中的评议，感谢关注</Notice>;
  const receipts = listReceipts();
  const isDone = (roundId: string, targetId: string) =>
    !!ratedOnDevice(receipts, { roundId, targetId, channel: landing.channel, rating: landing.rounds.find((r) => r.roundId === roundId)?.rating ?? 'round' });
  return (
    <View>
      <View className='invite__head'>
        <Text className='invite__title'>{landing.rounds[0]!.schemeName}</Text>
        <Text className='invite__sub'>{`请选择您办过事的单位进行评价，截止时间：${formatTime(landing.rounds[0]!.closesAt)}`}</Text>
      </View>
      <TargetList landing={landing} isDone={isDone} />
    </View>
  );
}
