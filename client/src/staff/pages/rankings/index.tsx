import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { OrgNode } from '@shared/model/org';
import { Notice } from '../../../components/notice';
import { userMessage } from '../../../api/errors';
import { getOrg, getResults, getTallies, listRounds, TargetResult } from '../../../api/staff';
import { requireStaff } from '../../lib/guard';
import { ballotCount } from '../../lib/tally-view';
import './index.scss';

type Row = { targetId: string; name: string; ballots: number; result?: TargetResult };
type Group = { categoryId: string; name: string; rows: Row[] };

/**
 * Rankings per group (执法监督组 …) as the scheme engine ranks them. Rank 1 is the best unless
 * the results say the group is published worst-first (`order: 'worst-first'`); until results
 * exist the page lists ballots per target and says no ranking is published yet.
 */
export default function RankingsPage() {
  const { params } = useRouter();
  const [session] = useState(() => requireStaff('/staff/pages/rankings/index'));
  const [groups, setGroups] = useState<Group[]>();
  const [hasResults, setHasResults] = useState(false);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!session) return;
    (async () => {
      const { rounds } = await listRounds();
      const round = rounds.find((r) => r.id === params.roundId) ?? rounds.filter((r) => r.status !== 'draft').sort((a, b) => b.opensAt.localeCompare(a.opensAt))[0];
      if (!round) return setGroups([]);
      setTitle(round.name);
      const [tallies, results, { nodes }] = await Promise.all([getTallies(round.id), getResults(round.id), getOrg()]);
      const names = new Map<string, OrgNode>(nodes.map((n) => [n.id, n]));
      const resultOf = new Map((results?.targets ?? []).map((r) => [r.targetId, r]));
      const byGroup = new Map<string, Row[]>();
      for (const t of tallies.targets) {
        const rows = byGroup.get(t.categoryId) ?? [];
        rows.push({ targetId: t.targetId, name: t.targetName, ballots: ballotCount(t), result: resultOf.get(t.targetId) });
        byGroup.set(t.categoryId, rows);
      }
      const worstFirst = (results as { order?: string } | null)?.order === 'worst-first';
      const order = (a: Row, b: Row) => {
        const ra = a.result?.rank ?? Infinity;
        const rb = b.result?.rank ?? Infinity;
        return worstFirst ? rb - ra : ra - rb;
      };
      setHasResults(results !== null);
      setGroups([...byGroup].map(([categoryId, rows]) => ({ categoryId, name: names.get(categoryId)?.name ?? categoryId, rows: rows.sort(order) })));
    })().catch((e) => setError(userMessage(e)));
  }, [session, params.roundId]);

  if (!session) return <Notice>请先登录</Notice>;
  if (error) return <Notice tone='error'>{error}</Notice>;
  if (!groups) return <Notice>正在加载…</Notice>;
  return (
    <View className='rankings'>
      <Text className='rankings__title'>{title}</Text>
      {!hasResults && <Notice>排名尚未公布；以下为各单位目前收到的评价数</Notice>}
      {groups.map((g) => (
        <View key={g.categoryId} className='rankings__group'>
          <Text className='rankings__group-name'>{g.name}</Text>
          {g.rows.map((r, i) => (
            <View key={r.targetId} className='rankings__row'>
              <Text className='rankings__rank'>{hasResults ? String(r.result?.rank ?? '—') : String(i + 1)}</Text>
              <Text className='rankings__name'>{r.name}</Text>
              <Text className='rankings__value'>
                {hasResults && r.result?.score != null ? `${r.result.score.toFixed(2)}${r.result.grade ? ` ${r.result.grade}` : ''}` : `${r.ballots} 份`}
              </Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
