import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { PublicRow } from '@shared/publication/public-table';
import type { GroupCut } from '@shared/scoring/result';
import { CutNotes } from '../../../components/rank-notes';
import { targetMarks, type NotedTarget } from '../../../lib/rank-notes';
import { commonNote, gradeTone, scoreParts, showInterval, showScore, type Scale } from '../../lib/display';
import './index.scss';

type Scored = NotedTarget & { components?: Parameters<typeof scoreParts>[0] };
type Props = { label: string; rows: PublicRow[]; scale: Scale; cuts?: GroupCut[]; results?: Map<string, Scored>; totalId?: string };

/** A long group shows its first rows and folds the rest behind one tap (a county list runs to hundreds). */
const SHOWN_FOLDED = 10;

/**
 * One group's published list, in the order the scheme ranks it (worst first where it says so),
 * with the group's quota line (并列 and the rule applied) and per target its rank set and 待录入.
 * Laid out as cards one phone wide: rank, name, score and grade on one line, the rest beneath.
 */
export function GroupTable({ label, rows, scale, cuts, results, totalId }: Props) {
  const [open, setOpen] = useState(false);
  const names = new Map(rows.map((r) => [r.targetId, r.name]));
  const shared = commonNote(rows);
  const folded = !open && rows.length > SHOWN_FOLDED + 2;
  const shown = folded ? rows.slice(0, SHOWN_FOLDED) : rows;
  return (
    <View className='group-table' data-testid='result-group'>
      <Text className='group-table__label'>{`${label}（${rows.length}）`}</Text>
      <CutNotes cuts={cuts} name={(id) => names.get(id) ?? id} />
      {shared && <Text className='group-table__meta group-table__shared' data-testid='group-note'>{`说明：${shared}`}</Text>}
      {shown.map((r) => (
        <View key={r.targetId} className='group-table__row' data-testid={`result-${r.targetId}`}>
          <View className='group-table__main'>
            <Text className='group-table__rank' data-testid='rank'>{r.rank === null ? '—' : `${r.rank}${r.tied ? '=' : ''}`}</Text>
            <Text className='group-table__name'>{r.name}</Text>
            <Text className='group-table__total' data-testid='total'>{showScore(r.total, scale)}</Text>
            {r.grade && <Text className={`group-table__grade is-${gradeTone(r.grade)}`} data-testid='grade'>{r.grade}</Text>}
          </View>
          <Text className='group-table__meta'>
            {`有效评价 ${r.ballots} 份${r.lower !== null && r.upper !== null ? ` · 区间 ${showInterval(r.lower, r.upper, scale)}` : ''}`}
          </Text>
          {(() => {
            const parts = scoreParts(results?.get(r.targetId)?.components ?? {}, totalId);
            return parts && <Text className='group-table__meta' data-testid='parts'>{parts}</Text>;
          })()}
          {(() => {
            const t = results?.get(r.targetId);
            const marks = t ? targetMarks(t) : [];
            return marks.length > 0 && <Text className='group-table__marks' data-testid='marks'>{marks.join(' · ')}</Text>;
          })()}
          {r.problems && <Text className='group-table__problems' data-testid='problems'>{`主要问题：${r.problems}`}</Text>}
          {r.consequences && <Text className='group-table__flag'>{`处理措施：${r.consequences}`}</Text>}
          {r.notes && !shared && <Text className='group-table__meta'>{`说明：${r.notes}`}</Text>}
        </View>
      ))}
      {rows.length > SHOWN_FOLDED + 2 && (
        <View className='group-table__fold' data-testid='group-fold' onClick={() => setOpen(!open)}>
          <Text>{folded ? `展开其余 ${rows.length - SHOWN_FOLDED} 个 ▼` : '收起 ▲'}</Text>
        </View>
      )}
    </View>
  );
}
