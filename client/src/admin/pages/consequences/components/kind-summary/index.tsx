import { View, Text } from '@tarojs/components';
import type { KindSummary } from '../../sheet';
import './index.scss';

/** 按措施类型: who is praised, talked to, interviewed, held accountable, frozen, removed. */
export function KindSummaryCard({ kinds }: { kinds: KindSummary[] }) {
  if (kinds.length === 0) return null;
  return (
    <View className='kind-summary' data-testid='kind-summary'>
      <Text className='kind-summary__title'>按措施类型</Text>
      {kinds.map((k) => (
        <View key={k.kind} className={`kind-summary__row kind-summary__row--${k.kind}`} data-testid={`kind-${k.kind}`}>
          <Text className='kind-summary__kind'>{k.label}</Text>
          <Text className='kind-summary__targets'>{k.targets.join('、')}</Text>
        </View>
      ))}
    </View>
  );
}
