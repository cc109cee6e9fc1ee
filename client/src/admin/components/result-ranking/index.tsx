import { View, Text } from '@tarojs/components';
import type { RoundResult } from '@shared/scoring/result';
import { CutNotes } from '../../../components/rank-notes';
import { targetMarks } from '../../../lib/rank-notes';
import { scaleOf, showScore } from '../../../public/lib/display';
import './index.scss';

/**
 * The round's ranking as the office reviews it before (and after) publication: per group the
 * places in the engine's order, the quota line with its tie rule, and per target the rank set and
 * what is still 待录入, so nothing is published without the office having read it.
 */
export function ResultRanking({ result }: { result: RoundResult }) {
  const byId = new Map(result.targets.map((t) => [t.targetId, t]));
  const name = (id: string) => byId.get(id)?.name ?? id;
  // As the public page shows it: a 满意率 as 95.0%, not 0.95; points with at most two decimals.
  const scale = scaleOf(result.targets.map((t) => ({ total: t.total, lower: t.totalInterval?.lower ?? null, upper: t.totalInterval?.upper ?? null })));
  return (
    <View className='result-ranking' data-testid='result-ranking'>
      {result.direction === 'worst-first' && <Text className='result-ranking__note'>按方案规定，从最差开始排列</Text>}
      {result.groups.map((g) => (
        <View key={g.group} className='result-ranking__group' data-testid={`ranking-group-${g.group}`}>
          <Text className='result-ranking__group-name'>{g.label}</Text>
          <CutNotes cuts={g.cuts} name={name} />
          {[...g.order, ...g.notRanked].map((id) => {
            const t = byId.get(id);
            if (!t) return null;
            const marks = targetMarks(t);
            return (
              <View key={id} className='result-ranking__row' data-testid={`ranking-${id}`}>
                <Text className='result-ranking__rank'>{t.rank === null ? '—' : `${t.rank}${t.tied ? '=' : ''}`}</Text>
                <Text className='result-ranking__name'>{name(id)}</Text>
                <Text className='result-ranking__value'>{t.total === null ? '—' : `${showScore(t.total, scale)}${t.grade ? ` ${t.grade.label}` : ''}`}</Text>
                {marks.length > 0 && <Text className='result-ranking__marks' data-testid='marks'>{marks.join(' · ')}</Text>}
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}
