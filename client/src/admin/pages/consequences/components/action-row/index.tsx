import { View, Text } from '@tarojs/components';
import type { ConsequenceAction } from '../../../../../api/consequences';
import { actionTerms, periodSpan, type TriggerRound } from '../../sheet';
import './index.scss';

type Props = { action: ConsequenceAction; group?: string; triggers: TriggerRound[]; certainty?: { title: string; why: string } };

/**
 * One target under one rule: who, where it stands this round, the numbers the action carries and,
 * for a rule over several rounds, each round behind it (a single-round rule rests on this round alone).
 */
export function ActionRow({ action, group, triggers, certainty }: Props) {
  const current = triggers.find((t) => t.current);
  const overRounds = triggers.length > 1;
  const span = periodSpan(triggers);
  const meta = [action.targetId, group, ...actionTerms(action), overRounds ? undefined : `依据本轮${current?.period ? `（${current.period}）` : ''}`].filter(Boolean).join(' · ');
  return (
    <View className='action-row' data-testid={`action-${action.ruleId}-${action.targetId}`}>
      <View className='action-row__head'>
        <Text className='action-row__who'>{action.name ?? action.targetId}</Text>
        {current?.standing && <Text className='action-row__standing'>{current.standing}</Text>}
      </View>
      <Text className='action-row__meta'>{meta}</Text>
      {certainty && (
        <View className={`action-row__certainty action-row__certainty--${action.certainty}`} data-testid={`certainty-${action.ruleId}-${action.targetId}`}>
          <Text className='action-row__certainty-title'>{certainty.title}</Text>
          <Text className='action-row__certainty-why'>{certainty.why}</Text>
        </View>
      )}
      {overRounds && (
        <View className='action-row__rounds'>
          <Text className='action-row__rounds-title' data-testid={`span-${action.ruleId}-${action.targetId}`}>{`依据轮次（${triggers.length} 轮${span ? `：${span}` : ''}）`}</Text>
          {triggers.map((t) => (
            <Text key={t.roundId} className='action-row__round' data-testid={`trigger-${t.roundId}`}>
              {`${t.title}${t.standing ? `：${t.standing}` : ''}${t.current ? '（本轮）' : ''}`}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
