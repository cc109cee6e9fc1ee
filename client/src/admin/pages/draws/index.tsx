import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { DrawSummary } from '@shared/api/panels';
import { Notice } from '../../../components/notice';
import { InputProblem, userMessage } from '../../../api/errors';
import { createDraw, drawLog, getDraw, revealDraw } from '../../../api/draws';
import { formatTime } from '../../../lib/format';
import { requireAdmin } from '../../lib/admin-guard';
import { useAdminAction } from '../../lib/use-admin-action';
import { DrawCreate } from '../../components/draw-create';
import { DrawReveal } from '../../components/draw-reveal';
import { DrawFollowup } from '../../components/draw-followup';
import { DrawLetters } from '../../components/draw-letters';
import { Field } from '../../components/field';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import type { ReturnRateResponse } from '@shared/api/panels';
import { getRound, getRoundTargets } from '../../../api/staff';
import { remindMembers, returnRate } from '../../../api/panels';
import '../rounds/index.scss';

const STATUS: Record<DrawSummary['status'], string> = { committed: '待揭示', drawn: '已抽取', failed: '失败' };
const LOG: Record<string, string> = { committed: '公布承诺', drawn: '完成抽取', failed: '抽取失败', invited: '发出邀请' };

/** A round's draws, in public: commit (pool, quotas, commitments), then reveal and draw. Every event is in the public log. */
export default function DrawsPage() {
  const roundId = useRouter().params.round ?? '';
  const [session] = useState(() => requireAdmin(`/admin/pages/draws/index?round=${roundId}`));
  const [draws, setDraws] = useState<DrawSummary[]>([]);
  const [log, setLog] = useState<Array<{ at: string; drawId: string; event: string; by: string }>>([]);
  const [round, setRound] = useState<Round>();
  const [targets, setTargets] = useState<OrgNode[]>([]);
  const [rates, setRates] = useState<ReturnRateResponse[]>([]);
  const [hours, setHours] = useState('48');

  const reload = async () => {
    const [l, view] = await Promise.all([drawLog(roundId), getRound(roundId)]);
    setLog(l.entries);
    setRound(view.round);
    setDraws(await Promise.all([...new Set(l.entries.map((e) => e.drawId))].map(getDraw)));
    setTargets(await getRoundTargets(view.round));
    const channels = (['directed', 'hearing'] as const).filter((c) => view.round.channels.includes(c));
    setRates(await Promise.all(channels.map((c) => returnRate(roundId, c))));
  };
  const { busy, message, act, fail } = useAdminAction(reload);
  useEffect(() => {
    if (session) reload().catch(fail);
  }, [session, roundId]);

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  return (
    <View className='admin'>
      {message && <Notice tone={message.tone} testId='draws-message'>{message.text}</Notice>}
      {draws.map((d) => (
        <View key={d.drawId} className='admin__card' data-testid={`draw-${d.drawId}`}>
          <Text className='admin__title'>{d.label}</Text>
          <Text className='admin__sub'>{`${d.drawId} · ${STATUS[d.status]} · 样本池 ${d.poolSize} 人 · 抽取 ${d.n} 人`}</Text>
          <Text className='admin__link' data-testid='draw-public' onClick={() => Taro.navigateTo({ url: `/public/pages/draw/index?id=${d.drawId}` })}>查看公示页</Text>
          {d.status === 'drawn' && <DrawLetters draw={d} busy={busy} fail={fail} />}
          {d.status === 'committed' && <DrawReveal draw={d} busy={busy} onReveal={(reveals) => act('抽取', () => revealDraw(d.drawId, reveals))} />}
          {round && <DrawFollowup draw={d} round={round} targets={targets} busy={busy} act={act} />}
        </View>
      ))}
      {rates.map((r) => (
        <View key={r.channel} className='admin__card' data-testid={`return-rate-${r.channel}`}>
          <Text className='admin__title'>{r.channel === 'directed' ? '定向评议回收情况' : '听证测评表回收情况'}</Text>
          <Text className='admin__sub'>{`邀请 ${r.members.invited} 人，全部完成 ${r.members.answeredAll} 人，尚未评价 ${r.members.answeredNone} 人`}</Text>
          <Text className='admin__sub'>{`应评 ${r.invited} 项，已评 ${r.answered} 项，回收率 ${r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`}`}</Text>
        </View>
      ))}
      {round?.channels.includes('directed') && round.status === 'open' && (
        <View className='admin__card' data-testid='remind-card'>
          <Text className='admin__title'>提醒未完成评价的代表</Text>
          <Text className='admin__sub'>只提醒邀请即将到期、还有单位未评的代表；每份邀请最多提醒一次。</Text>
          <Field label='邀请在多少小时内到期' value={hours} testId='remind-hours' onInput={setHours} />
          <Button size='small' type='primary' loading={busy} data-testid='remind-send'
            onClick={() => act('发送提醒', async () => {
              const n = Number(hours.trim());
              if (!Number.isInteger(n) || n < 1 || n > 720) throw new InputProblem('小时数应为 1–720 的整数');
              await remindMembers(roundId, n);
            })}>发送提醒</Button>
        </View>
      )}
      <View className='admin__card'>
        <Text className='admin__title'>新建公开抽取</Text>
        <DrawCreate busy={busy} onCreate={(req) => act('公布承诺', () => createDraw(roundId, req))} />
      </View>
      <View className='admin__card' data-testid='draw-log'>
        <Text className='admin__title'>抽取日志（公开）</Text>
        {log.length === 0 && <Text className='admin__sub'>暂无</Text>}
        {log.map((e, i) => <Text key={i} className='admin__sub'>{`${formatTime(e.at)} ${e.drawId} ${LOG[e.event] ?? e.event}`}</Text>)}
      </View>
    </View>
  );
}
