import { View, Text } from '@tarojs/components';
import { printNumber } from '@shared/publication/public-table';
import type { PublicRow } from '@shared/publication/public-table';
import type { GroupCut } from '@shared/scoring/result';
import { CutNotes } from '../../../components/rank-notes';
import { targetMarks, type NotedTarget } from '../../../lib/rank-notes';
import './index.scss';

type Props = { label: string; rows: PublicRow[]; cuts?: GroupCut[]; results?: Map<string, NotedTarget> };

/**
 * One group's published list, in the order the scheme ranks it (worst first where it says so),
 * with the group's quota line (并列 and the rule applied) and per target its rank set and 待录入.
 */
export function GroupTable({ label, rows, cuts, results }: Props) {
  const names = new Map(rows.map((r) => [r.targetId, r.name]));
  return (
    <View className='group-table' data-testid='result-group'>
      <Text className='group-table__label'>{label}</Text>
      <CutNotes cuts={cuts} name={(id) => names.get(id) ?? id} />
      {rows.map((r) => (
        <View key={r.targetId} className='group-table__row' data-testid={`result-${r.targetId}`}>
          <View className='group-table__main'>
            <Text className='group-table__rank' data-testid='rank'>{r.rank === null ? '—' : `${r.rank}${r.tied ? '=' : ''}`}</Text>
            <Text className='group-table__name'>{r.name}</Text>
            <Text className='group-table__total' data-testid='total'>{printNumber(r.total) || '—'}</Text>
            {r.grade && <Text className='group-table__grade' data-testid='grade'>{r.grade}</Text>}
          </View>
          <Text className='group-table__meta'>
            {`有效评价 ${r.ballots} 份${r.lower !== null && r.upper !== null ? ` · 95%区间 ${printNumber(r.lower)}–${printNumber(r.upper)}` : ''}`}
          </Text>
          {(() => {
            const t = results?.get(r.targetId);
            const marks = t ? targetMarks(t) : [];
            return marks.length > 0 && <Text className='group-table__marks' data-testid='marks'>{marks.join(' · ')}</Text>;
          })()}
          {r.problems && <Text className='group-table__problems' data-testid='problems'>{`主要问题：${r.problems}`}</Text>}
          {r.consequences && <Text className='group-table__flag'>{`处理措施：${r.consequences}`}</Text>}
          {r.notes && <Text className='group-table__meta'>{`说明：${r.notes}`}</Text>}
        </View>
      ))}
    </View>
  );
}
