import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import type { LandingResponse, LandingTarget } from '@shared/api/tokens';
import { NODE_KIND_LABELS } from '@shared/model/org';
import { ratePageUrl } from '../../lib/entry';
import { getLanding } from '../../api/citizen';
import { userMessage } from '../../api/errors';
import { Notice } from '../notice';
import './index.scss';

type Props = { landing: LandingResponse; answered?: Set<string> };

/**
 * The targets a sampling link or an invitation covers, per round; a tap opens the ballot for
 * that target. Answered ones are marked (and still open, the server decides about repeats).
 */
export function TargetList({ landing, answered = new Set() }: Props) {
  // Later pages of each round's targets (a link may cover thousands): appended on demand.
  const [more, setMore] = useState<Record<string, { targets: LandingTarget[]; next?: string }>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const loadMore = async (roundId: string, after: string) => {
    setBusy(true);
    try {
      const page = (await getLanding(landing.token, { after })).rounds.find((r) => r.roundId === roundId);
      setMore((m) => ({ ...m, [roundId]: { targets: [...(m[roundId]?.targets ?? []), ...(page?.targets ?? [])], ...(page?.next ? { next: page.next } : {}) } }));
      setError(undefined);
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='target-list'>
      {landing.rounds.map((round) => {
        const extra = more[round.roundId];
        const next = extra ? extra.next : round.next;
        return (
          <View key={round.roundId} className='target-list__round'>
            <Text className='target-list__round-name'>{round.roundName}</Text>
            {[...round.targets, ...(extra?.targets ?? [])].map((t) => {
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
            {next && (
              <View className='target-list__more' data-testid={`targets-more-${round.roundId}`} onClick={() => !busy && loadMore(round.roundId, next)}>
                <Text>{busy ? '正在加载…' : '加载更多单位'}</Text>
              </View>
            )}
          </View>
        );
      })}
      {error && <Notice tone='error'>{error}</Notice>}
    </View>
  );
}
