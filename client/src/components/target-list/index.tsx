import Taro from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import { useState } from 'react';
import type { LandingResponse } from '@shared/api/tokens';
import { NODE_KIND_LABELS } from '@shared/model/org';
import { ratePageUrl } from '../../lib/entry';
import { Notice } from '../notice';
import { groupByUnit } from './groups';
import { useAllTargets } from './use-all-targets';
import './index.scss';

type Props = { landing: LandingResponse; isDone?: (roundId: string, targetId: string) => boolean };

/** Past this many targets the unit groups start folded; a search unfolds what it finds. */
const FOLD_ABOVE = 12;

/**
 * The targets a sampling link or an invitation covers, searchable and grouped by unit (a county
 * link covers sixty sections or more); a tap opens the ballot for that target. Answered ones are
 * marked 已评价 (and still open: the rate page says what the server will do with a repeat).
 */
export function TargetList({ landing, isDone = () => false }: Props) {
  const { targets, loading, error, more } = useAllTargets(landing);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const groups = groupByUnit(targets, query);
  const folds = targets.length > FOLD_ABOVE && !query.trim();
  const several = new Set(targets.map((t) => t.roundId)).size > 1;
  const roundName = (id: string) => landing.rounds.find((r) => r.roundId === id)?.roundName ?? '';

  return (
    <View className='target-list'>
      {targets.length > FOLD_ABOVE && (
        <View className='target-list__search'>
          <Input
            className='target-list__input'
            value={query}
            placeholder='搜索单位或科室名称'
            confirmType='search'
            data-testid='target-search'
            onInput={(e) => setQuery(e.detail.value)}
          />
        </View>
      )}
      {groups.length === 0 && !loading && <Notice>{query ? `没有找到“${query.trim()}”，请换个关键词` : '没有需要评价的单位'}</Notice>}
      {groups.map((g) => {
        const done = g.targets.filter((t) => isDone(t.roundId, t.id)).length;
        const unfolded = !folds || open[g.key] === true;
        return (
          <View key={g.key} className='target-list__group' data-testid={`group-${g.key}`}>
            <View
              className={`target-list__group-head ${folds ? 'is-fold' : ''}`}
              {...(folds ? { onClick: () => setOpen((o) => ({ ...o, [g.key]: !unfolded })) } : {})}
              aria-expanded={unfolded}
            >
              <Text className='target-list__group-name'>{g.name}</Text>
              <Text className='target-list__group-count'>{`${done}/${g.targets.length}${folds ? (unfolded ? ' ▲' : ' ▼') : ''}`}</Text>
            </View>
            {unfolded &&
              g.targets.map((t) => {
                const rated = isDone(t.roundId, t.id);
                return (
                  <View
                    key={`${t.roundId}|${t.id}`}
                    className={`target-list__item ${rated ? 'is-done' : ''}`}
                    data-testid={`target-${t.id}`}
                    onClick={() => Taro.navigateTo({ url: ratePageUrl(landing.token, { roundId: t.roundId, targetId: t.id }) })}
                  >
                    <View className='target-list__names'>
                      <Text className='target-list__name'>{t.name}</Text>
                      <Text className='target-list__sub'>{several ? `${NODE_KIND_LABELS[t.kind]} · ${roundName(t.roundId)}` : NODE_KIND_LABELS[t.kind]}</Text>
                    </View>
                    <Text className='target-list__state'>{rated ? '✓ 已评价' : '去评价 ›'}</Text>
                  </View>
                );
              })}
          </View>
        );
      })}
      {loading && <Notice>正在加载更多单位…</Notice>}
      {error && <Notice tone='error'>{error}</Notice>}
      {more && (
        <View className='target-list__more' data-testid='targets-more' onClick={more}>
          <Text>加载更多单位</Text>
        </View>
      )}
    </View>
  );
}
