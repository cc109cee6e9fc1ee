import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { useLanding } from '../../../lib/use-landing';
import { listReceipts } from '../../../lib/receipts';
import { answeredTargets, nextUnrated, progressOf } from '../../../lib/rated';
import { backTo, listPageUrl, ratePageUrl } from '../../../lib/entry';

type Props = { token: string; targetId: string };

/**
 * Under a receipt from a link covering many targets (an invitation, a sampling link): how far the
 * member is (已评 x / 共 y) and 下一个, which opens the next unrated target's ballot directly — a
 * panel of 66 sections is two taps and a form each, not a trip back through the list.
 */
export function NextTarget({ token, targetId }: Props) {
  const state = useLanding(token);
  if (state.status !== 'ready') return null;
  const { landing } = state;
  const answered = answeredTargets(landing, listReceipts());
  answered.add(targetId);
  const next = nextUnrated(landing, answered, targetId);
  const invited = landing.channel === 'directed' || landing.channel === 'hearing';
  const { done, total } = progressOf(landing, answered);
  return (
    <View data-testid='receipt-next'>
      {next && (
        <View className='receipt__next'>
          <Button type='primary' size='xlarge' block data-testid='next-target' onClick={() => Taro.redirectTo({ url: ratePageUrl(token, { roundId: next.roundId, targetId: next.targetId }) })}>
            {`下一个：${next.name}`}
          </Button>
        </View>
      )}
      {invited && <Text className='receipt__progress' data-testid='receipt-progress'>{next ? `已评 ${done} / 共 ${total}` : `已评 ${done} / 共 ${total}，全部完成，感谢您的参与！`}</Text>}
      <View className='receipt__actions'>
        <Text className='receipt__link' onClick={() => backTo(listPageUrl(token, landing.channel))}>{invited ? '返回邀请列表' : '评价其他单位'}</Text>
      </View>
    </View>
  );
}
