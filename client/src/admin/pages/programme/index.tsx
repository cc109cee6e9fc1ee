import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { ProgrammeView } from '@shared/api/programmes';
import { CADENCE_LABELS, TARGET_LINK_LABELS } from '@shared/model/programme';
import { NODE_KIND_LABELS } from '@shared/model/org';
import { ROUND_STATUS_LABELS } from '@shared/model/round';
import { Notice } from '../../../components/notice';
import { getProgramme } from '../../../api/programmes';
import { requireAdmin } from '../../lib/admin-guard';
import { useAdminAction } from '../../lib/use-admin-action';
import { CancelRound } from '../../components/cancel-round';
import { TargetLinkForm } from '../../components/target-link-form';
import '../rounds/index.scss';

/**
 * One programme: its scheme version, cadence, target set, target links and its rounds in period
 * order. Only published rounds are history for the next; a cancelled round shows its reason.
 */
export default function ProgrammePage() {
  const id = useRouter().params.id ?? '';
  const [session] = useState(() => requireAdmin(`/admin/pages/programme/index?id=${id}`));
  const [view, setView] = useState<ProgrammeView>();
  const reload = () => getProgramme(id).then(setView, (e) => fail(e));
  const { busy, message, act, fail } = useAdminAction(reload);
  useEffect(() => {
    if (session) void reload();
  }, [session, id]);

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  if (!view) return message ? <Notice tone='error' testId='programme-error'>{message.text}</Notice> : <Notice>正在加载…</Notice>;
  const { programme: p } = view;
  const targets = p.targetIds ? `${NODE_KIND_LABELS[p.targetKind]} ${p.targetIds.length} 个` : `全部${NODE_KIND_LABELS[p.targetKind]}`;
  return (
    <View className='admin'>
      <View className='admin__nav'>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/programmes/index' })}>全部评议项目</Text>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/rounds/index' })}>评议轮次</Text>
      </View>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <View className='admin__card' data-testid='programme-head'>
        <Text className='admin__title'>{p.name}</Text>
        <Text className='admin__sub' data-testid='programme-cadence'>{`${CADENCE_LABELS[p.cadence]} · ${targets} · 评议年度自 ${p.yearStartMonth} 月起`}</Text>
        <Text className='admin__sub' data-testid='programme-scheme'>{`评议方案：${view.schemeName}（版本 ${p.schemeDigest.slice(0, 12)}）`}</Text>
        {!view.schemeCurrent && <Notice tone='error' testId='programme-scheme-changed'>评议方案在项目创建后被修改，与锁定的版本不一致，不能再新建轮次</Notice>}
        {p.soloRound && <Text className='admin__sub'>单轮评议：创建轮次时未选评议项目，本项目只含这一轮，不与其他轮次连续计算</Text>}
        <Text className='admin__sub'>连续评议只计算本项目已公布的轮次；未公布和已取消的轮次不计入。</Text>
      </View>
      <View className='admin__card'>
        <Text className='admin__title'>{`评议轮次（${view.rounds.length}）`}</Text>
        {view.rounds.length === 0 && <Text className='admin__sub'>还没有轮次</Text>}
        {view.rounds.map((r) => (
          <View key={r.id} data-testid={`programme-round-${r.id}`}>
            <Text className='admin__label'>{r.name}</Text>
            <Text className='admin__sub' data-testid={`programme-round-status-${r.id}`}>
              {`${r.period.label} · ${ROUND_STATUS_LABELS[r.status]}${r.publishedVersion ? ` · 第 ${r.publishedVersion} 版` : ''}${r.status === 'published' ? ' · 计入连续评议' : ' · 不计入连续评议'}`}
            </Text>
            {r.cancelReason && <Text className='admin__sub' data-testid={`programme-round-reason-${r.id}`}>{`取消原因：${r.cancelReason}`}</Text>}
            <CancelRound roundId={r.id} roundName={r.name} status={r.status} act={act} />
          </View>
        ))}
      </View>
      <View className='admin__card' data-testid='programme-links'>
        <Text className='admin__title'>评议对象更名、合并、拆分</Text>
        <Text className='admin__sub'>单位更名、合并或拆分后，在此记录新旧编号的关系，连续评议才能接续计算。记录后不能修改。</Text>
        {view.links.length === 0 && <Text className='admin__sub'>暂无记录</Text>}
        {view.links.map((l) => (
          <Text key={l.linkId} className='admin__sub' data-testid={`programme-link-${l.linkId}`}>{`${TARGET_LINK_LABELS[l.kind]}：${l.from.join('、')} → ${l.to.join('、')}${l.carries ? `（延续：${l.carries.join('、')}）` : ''}${l.note ? ` · ${l.note}` : ''}`}</Text>
        ))}
        <TargetLinkForm programmeId={p.id} busy={busy} act={act} />
      </View>
    </View>
  );
}
