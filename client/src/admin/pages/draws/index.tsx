import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { DrawSummary } from '@shared/api/panels';
import { Notice } from '../../../components/notice';
import { userMessage } from '../../../api/errors';
import { createDraw, drawLog, getDraw, inviteDrawn, revealDraw } from '../../../api/draws';
import { getRound } from '../../../api/staff';
import { lettersPdfPath, openPdf } from '../../../api/paper';
import { formatTime } from '../../../lib/format';
import { requireAdmin } from '../../lib/admin-guard';
import { useAdminAction } from '../../lib/use-admin-action';
import { DrawCreate } from '../../components/draw-create';
import { DrawReveal } from '../../components/draw-reveal';
import '../rounds/index.scss';

const STATUS: Record<DrawSummary['status'], string> = { committed: '待揭示', drawn: '已抽取', failed: '失败' };
const LOG: Record<string, string> = { committed: '公布承诺', drawn: '完成抽取', failed: '抽取失败', invited: '发出邀请' };

/** A round's draws, in public: commit (pool, quotas, commitments), then reveal and draw. Every event is in the public log. */
export default function DrawsPage() {
  const roundId = useRouter().params.round ?? '';
  const [session] = useState(() => requireAdmin(`/admin/pages/draws/index?round=${roundId}`));
  const [draws, setDraws] = useState<DrawSummary[]>([]);
  const [log, setLog] = useState<Array<{ at: string; drawId: string; event: string; by: string }>>([]);

  const reload = async () => {
    const l = await drawLog(roundId);
    setLog(l.entries);
    setDraws(await Promise.all([...new Set(l.entries.map((e) => e.drawId))].map(getDraw)));
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
          {d.status === 'drawn' && (
            <Text className='admin__link' data-testid='draw-invite' onClick={() => act('发出邀请', async () => inviteDrawn(d.drawId, (await getRound(roundId)).round.closesAt))}>向抽中的代表发出邀请（截止本轮评议结束）</Text>
          )}
          {d.status === 'drawn' && (
            <Text className='admin__link' data-testid='draw-letters' onClick={() => openPdf(lettersPdfPath(d.drawId)).catch(fail)}>打印邀请函（不用微信的代表：个人二维码和邀请码，须先发出邀请）</Text>
          )}
          {d.status === 'committed' && <DrawReveal draw={d} busy={busy} onReveal={(reveals) => act('抽取', () => revealDraw(d.drawId, reveals))} />}
        </View>
      ))}
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
