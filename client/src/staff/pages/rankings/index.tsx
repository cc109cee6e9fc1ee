import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { OrgNode } from '@shared/model/org';
import { Notice } from '../../../components/notice';
import { CarePage } from '../../../components/care-page';
import { userMessage } from '../../../api/errors';
import { getNodes, getResults, getTallies, listRounds } from '../../../api/staff';
import type { TargetResult } from '../../../api/staff';
import type { GroupCut } from '@shared/scoring/result';
import { CutNotes } from '../../../components/rank-notes';
import { targetMarks } from '../../../lib/rank-notes';
import { requireStaff } from '../../lib/guard';
import { ballotCount } from '../../lib/tally-view';
import './index.scss';

type Row = { targetId: string; name: string; ballots: number; result?: TargetResult };
type Group = { categoryId: string; name: string; rows: Row[]; cuts?: GroupCut[] };

/**
 * Rankings per group (执法监督组 …) in the order the scheme engine publishes them (worst-first
 * where the scheme says so). For a scheme without scoring the page lists ballots per target.
 */
function RankingsView() {
  const { params } = useRouter();
  const [session] = useState(() => requireStaff('/staff/pages/rankings/index'));
  const [groups, setGroups] = useState<Group[]>();
  const [hasResults, setHasResults] = useState(false);
  const [title, setTitle] = useState('');
  const [direction, setDirection] = useState<'best-first' | 'worst-first' | null>(null);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!session) return;
    (async () => {
      const { rounds } = await listRounds();
      const round = rounds.find((r) => r.id === params.roundId) ?? rounds.filter((r) => r.status !== 'draft' && r.status !== 'cancelled').sort((a, b) => b.opensAt.localeCompare(a.opensAt))[0];
      if (!round) return setGroups([]);
      setTitle(round.name);
      const [tallies, results] = await Promise.all([getTallies(round.id), getResults(round.id)]);
      // Group names only when the engine gives none: the categories the tallies name, not the tree.
      const names = new Map<string, OrgNode>(results ? [] : (await getNodes(tallies.targets.map((t) => t.categoryId))).map((n) => [n.id, n]));
      const resultOf = new Map((results?.targets ?? []).map((r) => [r.targetId, r]));
      const byGroup = new Map<string, Row[]>();
      for (const t of tallies.targets) {
        const rows = byGroup.get(t.categoryId) ?? [];
        rows.push({ targetId: t.targetId, name: t.targetName, ballots: ballotCount(t), result: resultOf.get(t.targetId) });
        byGroup.set(t.categoryId, rows);
      }
      setHasResults(results !== null);
      if (results) {
        // The engine's groups are already in the scheme's published order (best- or worst-first).
        const rowOf = new Map([...byGroup.values()].flat().map((r) => [r.targetId, r]));
        setGroups(results.groups.map((g) => ({
          categoryId: g.group,
          name: g.label,
          ...(g.cuts ? { cuts: g.cuts } : {}),
          rows: [...g.order, ...g.notRanked].map((id) => rowOf.get(id) ?? { targetId: id, name: resultOf.get(id)?.name ?? id, ballots: 0, result: resultOf.get(id) }),
        })));
        setDirection(results.direction);
      } else {
        setGroups([...byGroup].map(([categoryId, rows]) => ({ categoryId, name: names.get(categoryId)?.name ?? categoryId, rows })));
      }
    })().catch((e) => setError(userMessage(e)));
  }, [session, params.roundId]);

  if (!session) return <Notice>请先登录</Notice>;
  if (error) return <Notice tone='error'>{error}</Notice>;
  if (!groups) return <Notice>正在加载…</Notice>;
  return (
    <View className='rankings'>
      <Text className='rankings__title'>{title}</Text>
      {session.role === 'staff' && (
        // The API shows unit staff their own unit's rows only (docs/access.md); the full table is the published one.
        <View>
          <Notice>仅显示本单位的排名情况；全部单位的排名以公布结果为准</Notice>
          <Text className='rankings__link' onClick={() => Taro.navigateTo({ url: '/public/pages/results/index' })}>查看公布结果</Text>
        </View>
      )}
      {!hasResults && <Notice>本轮方案不计分排名；以下为各单位目前收到的评价数</Notice>}
      {direction === 'worst-first' && <Notice>按方案规定，从最差开始排列</Notice>}
      {groups.map((g) => (
        <View key={g.categoryId} className='rankings__group'>
          <Text className='rankings__group-name'>{g.name}</Text>
          <CutNotes cuts={g.cuts} name={(id) => g.rows.find((r) => r.targetId === id)?.name ?? id} />
          {g.rows.map((r, i) => (
            <View key={r.targetId} className='rankings__row' data-testid={`ranking-${r.targetId}`}>
              <Text className='rankings__rank'>{hasResults ? String(r.result?.rank ?? '—') : String(i + 1)}</Text>
              <Text className='rankings__name'>{r.name}</Text>
              <Text className='rankings__value'>
                {hasResults && r.result?.total != null ? `${r.result.total.toFixed(2)}${r.result.grade ? ` ${r.result.grade.label}` : ''}` : `${r.ballots} 份`}
              </Text>
              {r.result && targetMarks(r.result).length > 0 && <Text className='rankings__marks' data-testid='marks'>{targetMarks(r.result).join(' · ')}</Text>}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

/** In the care-mode frame the citizen pages use: unit staff are often no younger than the citizens. */
export default function RankingsPage() {
  return <CarePage><RankingsView /></CarePage>;
}
