import { useEffect, useMemo, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { publicRows } from '@shared/publication/public-table';
import type { PublicRow } from '@shared/publication/public-table';
import { Notice } from '../../../components/notice';
import { CarePage } from '../../../components/care-page';
import { userMessage } from '../../../api/errors';
import { getPublished } from '../../../api/public';
import type { PublicResults } from '../../../api/public';
import { VersionBox } from '../../components/version-box';
import { ExportLinks } from '../../components/export-links';
import { GroupTable } from '../../components/group-table';
import { ConsequenceList } from '../../components/consequence-list';
import { DrawLinks } from '../../components/draw-links';
import { scaleOf } from '../../lib/display';
import './index.scss';

/** Rows in the published order, split by group (the same rows as the Excel, CSV and print list). */
function groupsOf(data: PublicResults): Array<{ label: string; rows: PublicRow[] }> {
  const out: Array<{ label: string; rows: PublicRow[] }> = [];
  for (const row of publicRows(data.snapshot)) {
    const last = out[out.length - 1];
    if (last && last.label === row.groupLabel) last.rows.push(row);
    else out.push({ label: row.groupLabel, rows: [row] });
  }
  return out;
}

/** One published round: rankings per group, grades, intervals, main problems, consequences, hash. */
function PublishedRound() {
  const { params } = useRouter();
  const roundId = params.id ?? '';
  const [version, setVersion] = useState<number | undefined>(params.version ? Number(params.version) : undefined);
  const [data, setData] = useState<PublicResults>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setError(undefined);
    getPublished(roundId, version).then(setData, (e) => setError(userMessage(e)));
  }, [roundId, version]);
  const groups = useMemo(() => (data ? groupsOf(data) : []), [data]);
  const results = useMemo(() => new Map((data?.snapshot.results.targets ?? []).map((t) => [t.targetId, t])), [data]);
  const scale = useMemo(() => scaleOf(groups.flatMap((g) => g.rows)), [groups]);
  const cutsOf = (label: string) => data?.snapshot.results.groups.find((g) => g.label === label)?.cuts;

  if (error) return <Notice tone='error'>{error}</Notice>;
  if (!data) return <Notice>正在加载…</Notice>;
  const s = data.snapshot;
  return (
    <View className='round-results'>
      <View className='round-results__hero'>
        <Text className='round-results__title' data-testid='round-title'>{s.round.name}</Text>
        <Text className='round-results__meta'>{`${s.round.period.label} · ${s.schemeName}`}</Text>
      </View>
      <VersionBox data={data} onVersion={setVersion} />
      {s.results.direction === 'worst-first' && <Notice>按方案规定，名单从最差开始排列</Notice>}
      {s.voided.length > 0 && <Notice>{`经审核作废 ${s.voided.length} 份评价，不计入结果`}</Notice>}
      {/* Every stuffing flag decided before publication, with the supervisor's reason (anti-stuffing.md §4). */}
      {(s.flagDecisions ?? []).map((d) => (
        <Notice key={d.flagId} testId={`flag-decision-${d.flagId}`}>
          {`疑似刷票标记（${d.label}，涉及 ${d.ballots} 份评价）：${d.decision === 'exclude' ? '经审核排除，不计入结果' : '经审核保留，计入结果'}。理由：${d.reason}`}
        </Notice>
      ))}
      {/* Said once for the whole list, not on every row. */}
      <Notice testId='results-explained'>
        {`${scale === 'share' ? '得分为满意率（百分比）' : '得分为方案规定的总分'}；“区间”是按统计方法估计的 95% 可信范围，评价份数越少区间越宽，区间重叠的单位之间差别不明显。`}
      </Notice>
      {groups.map((g) => <GroupTable key={g.label} label={g.label} rows={g.rows} scale={scale} cuts={cutsOf(g.label)} results={results} totalId={s.scheme?.total} />)}
      <ConsequenceList actions={data.consequences} />
      <ExportLinks roundId={roundId} version={data.version} />
      <DrawLinks roundId={roundId} />
    </View>
  );
}

/** In the care-mode frame: anyone may read it, the elderly included (适老化). */
export default function PublishedRoundPage() {
  return <CarePage><PublishedRound /></CarePage>;
}
