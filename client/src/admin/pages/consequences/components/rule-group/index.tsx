import { View, Text } from '@tarojs/components';
import type { Round } from '@shared/model/round';
import { triggerRounds, type RuleGroup, type Standings } from '../../sheet';
import { ActionRow } from '../action-row';
import './index.scss';

type Props = {
  group: RuleGroup;
  roundId: string;
  rounds: Map<string, Round>;
  standings: Standings;
  /** Set when the round ranks in several groups: a rank means something only within its group. */
  groupLabels?: Map<string, string>;
  /** `<ruleId>/<targetId>` → how sure the place behind the action is. */
  certainty?: Map<string, { title: string; why: string }>;
};

/** One rule: its label, text and id once, then every target it applies to this round. */
export function RuleGroupCard({ group, roundId, rounds, standings, groupLabels, certainty }: Props) {
  return (
    <View className='rule-group' data-testid={`rule-${group.ruleId}`}>
      <View className='rule-group__head'>
        <Text className='rule-group__label'>{group.label}</Text>
        <Text className='rule-group__count'>{`${group.actions.length} 个`}</Text>
      </View>
      <Text className='rule-group__text'>{group.text}</Text>
      {group.actions.map((a) => (
        <ActionRow key={a.targetId} action={a} group={groupLabels?.get(a.group)} triggers={triggerRounds(a, roundId, rounds, standings)} certainty={certainty?.get(`${a.ruleId}/${a.targetId}`)} />
      ))}
    </View>
  );
}
