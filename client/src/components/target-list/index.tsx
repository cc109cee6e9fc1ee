import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { LandingResponse } from '@shared/api/tokens';
import { NODE_KIND_LABELS } from '@shared/model/org';
import { ratePageUrl } from '../../lib/entry';
import './index.scss';

type Props = { landing: LandingResponse; answered?: Set<string> };

/**
 * The targets a sampling link or an invitation covers, per round; a tap opens the ballot for
 * that target. Answered ones are marked (and still open, the server decides about repeats).
 */
export function TargetList({ landing, answered = new Set() }: Props) {
  return (
    <View className='target-list'>
      {landing.rounds.map((round) => (
        <View key={round.roundId} className='target-list__round'>
          <Text className='target-list__round-name'>{round.roundName}</Text>
          {round.targets.map((t) => {
            const unit = t.path.find((p) => p.kind === 'unit' && p.id !== t.id);
            const done = answered.has(t.id);
            return (
              <View
                key={t.id}
                className={`target-list__item ${done ? 'is-done' : ''}`}
                data-testid={`target-${t.id}`}
                onClick={() => Taro.navigateTo({ url: ratePageUrl(landing.token, { roundId: round.roundId, targetId: t.id }) })}
              >
                <View className='target-list__names'>
                  <Text className='target-list__name'>{t.name}</Text>
                  <Text className='target-list__sub'>{unit ? `${unit.name} · ${NODE_KIND_LABELS[t.kind]}` : NODE_KIND_LABELS[t.kind]}</Text>
                </View>
                <Text className='target-list__state'>{done ? '已评价' : '去评价 ›'}</Text>
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}
