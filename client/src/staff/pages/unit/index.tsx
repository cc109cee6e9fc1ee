import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { ROUND_STATUS_LABELS } from '@shared/model/round';
import { CHANNEL_LABELS } from '@shared/model/channel';
import type { ChannelKind } from '@shared/model/channel';
import { Notice } from '../../../components/notice';
import { CarePage } from '../../../components/care-page';
import { userMessage } from '../../../api/errors';
import { clearSession } from '../../../api/session';
import { requireStaff } from '../../lib/guard';
import { loadUnit, UnitData, UnitTarget } from '../../lib/load-unit';
import { ballotCount, breakdown } from '../../lib/tally-view';
import { TrendChart } from '../../components/trend-chart';
import { Comments } from '../../components/comments';
import { pendingText, rankSetText } from '../../../lib/rank-notes';
import './index.scss';

/** My unit: this round's result (or tallies until results exist), the trend, the item breakdown. */
function UnitView() {
  const { params } = useRouter();
  const [session] = useState(() => requireStaff('/staff/pages/unit/index'));
  const [data, setData] = useState<UnitData>();
  const [error, setError] = useState<string>();
  const [roundId, setRoundId] = useState(params.roundId);

  useEffect(() => {
    if (!session) return;
    setError(undefined);
    loadUnit(session.unitId, roundId).then(setData, (e) => setError(userMessage(e)));
  }, [session, roundId]);

  if (!session) return <Notice>请先登录</Notice>;
  if (error) return <Notice tone='error'>{error}</Notice>;
  if (!data) return <Notice>正在加载…</Notice>;
  return (
    <View className='unit'>
      <View className='unit__bar'>
        {/* The unit's name only: its id (e.g. gsj) is an internal code. */}
        <Text data-testid='unit-name'>{`${session.name ?? ''} · ${session.unitId ? '本单位' : '全部单位'}`}</Text>
        <Text className='unit__link' onClick={() => Taro.navigateTo({ url: `/staff/pages/rankings/index?roundId=${data.round?.id ?? ''}` })}>排名公布</Text>
        <Text className='unit__link' data-testid='tasks-link' onClick={() => Taro.navigateTo({ url: '/staff/pages/tasks/index' })}>整改任务</Text>
        <Text className='unit__link' onClick={() => { clearSession('staff'); void Taro.reLaunch({ url: '/pages/index/index' }); }}>退出</Text>
      </View>
      {data.rounds.length > 1 && (
        <View className='unit__rounds'>
          {data.rounds.map((r) => (
            // Chips name the round: two rounds of one quarter must not read the same.
            <View key={r.id} className={`unit__round ${r.id === data.round?.id ? 'is-on' : ''}`} data-testid={`round-chip-${r.id}`} onClick={() => setRoundId(r.id)}>
              <Text className='unit__round-name'>{r.name}</Text>
              <Text className='unit__round-status'>{`${r.period.label} · ${ROUND_STATUS_LABELS[r.status]}`}</Text>
            </View>
          ))}
        </View>
      )}
      {!data.round && <Notice>还没有评议轮次</Notice>}
      {data.round && !data.hasResults && <Notice>计分结果尚未生成，以下为实时评价统计</Notice>}
      {data.round && (
        <View className='unit__card'>
          <TrendChart id='unit-trend' data={data.trend.points} valueLabel={data.trend.label} />
        </View>
      )}
      {data.round && data.targets.length === 0 && <Notice>本轮还没有本单位的评价</Notice>}
      {data.targets.map((t) => <TargetCard key={t.tally.targetId} t={t} roundId={data.round!.id} />)}
    </View>
  );
}

function TargetCard({ t, roundId }: { t: UnitTarget; roundId: string }) {
  const r = t.result;
  const channels = Object.entries(t.tally.channels) as Array<[ChannelKind, { ballots: number }]>;
  return (
    <View className='unit__card' data-testid={`unit-target-${t.tally.targetId}`}>
      <Text className='unit__name'>{t.tally.targetName}</Text>
      <View className='unit__figures'>
        {r?.total != null && <Figure label='得分' value={String(Math.round(r.total * 100) / 100)} />}
        {r?.grade && <Figure label='等次' value={r.grade.label} />}
        {r?.rank != null && <Figure label='组内排名' value={`${r.rank}/${r.rankedCount}`} />}
        <Figure label='评价数' value={String(ballotCount(t.tally))} testId='ballot-count' />
      </View>
      {r?.totalInterval && (
        <Text className='unit__note'>{`得分区间 ${r.totalInterval.lower.toFixed(2)}–${r.totalInterval.upper.toFixed(2)}${r.totalInterval.lowSample ? '（样本量不足，仅供参考）' : ''}`}</Text>
      )}
      {r && rankSetText(r) && <Text className='unit__note' data-testid='rank-set'>{`${rankSetText(r)}（95%同时置信：名次可能落在此范围内）`}</Text>}
      {r && pendingText(r) && <Text className='unit__flag' data-testid='pending'>{pendingText(r)}</Text>}
      {r?.flags.map((f) => <Text key={f.id} className='unit__flag'>{f.label}</Text>)}
      {r?.consequences.map((c) => <Text key={c.ruleId} className='unit__flag'>{c.text}</Text>)}
      <Text className='unit__note'>{channels.map(([k, c]) => `${CHANNEL_LABELS[k]} ${c.ballots} 份`).join('，')}</Text>
      {breakdown(t.tally, t.form).map((item) => (
        <View key={item.itemId} className='unit__item'>
          <Text className='unit__item-label'>{item.label}</Text>
          {item.options.map((o) => (
            <View key={o.value} className='unit__bar-row'>
              <Text className='unit__opt'>{o.label}</Text>
              <View className='unit__track'><View className='unit__fill' style={{ width: `${Math.round(o.share * 100)}%` }} /></View>
              <Text className='unit__count'>{`${o.count}（${Math.round(o.share * 100)}%）`}</Text>
            </View>
          ))}
        </View>
      ))}
      <Comments roundId={roundId} targetId={t.tally.targetId} />
    </View>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className='unit__figure'>
      <Text className='unit__figure-value' data-testid={testId}>{value}</Text>
      <Text className='unit__figure-label'>{label}</Text>
    </View>
  );
}

/** In the care-mode frame the citizen pages use: unit staff are often no younger than the citizens. */
export default function UnitPage() {
  return <CarePage><UnitView /></CarePage>;
}
