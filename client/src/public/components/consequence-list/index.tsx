import { View, Text } from '@tarojs/components';
import type { PublicResults } from '../../../api/public';
import './index.scss';

type Action = PublicResults['consequences'][number];

/** What the supervising office must do about this round: who, which rule, and the rounds behind it. */
export function ConsequenceList({ actions }: { actions: Action[] }) {
  return (
    <View className='consequence-list' data-testid='consequences'>
      <Text className='consequence-list__title'>处理措施</Text>
      {actions.length === 0 && <Text className='consequence-list__empty'>本轮没有触发处理措施</Text>}
      {actions.map((a, i) => (
        <View key={`${a.ruleId}-${a.targetId}-${i}`} className='consequence-list__row'>
          <Text className='consequence-list__who'>{`${a.name ?? a.targetId}${a.rank !== null ? `（第 ${a.rank} 名）` : ''}`}</Text>
          <Text className='consequence-list__label'>{a.label}</Text>
          <Text className='consequence-list__text'>{a.text}</Text>
          {a.rounds.length > 1 && <Text className='consequence-list__text'>{`依据轮次：${a.rounds.join('、')}`}</Text>}
        </View>
      ))}
    </View>
  );
}
