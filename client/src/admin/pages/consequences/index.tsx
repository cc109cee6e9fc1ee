import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { ROUND_STATUS_LABELS } from '@shared/model/round';
import { SCHEME_PRESETS } from '@shared/schemes';
import { Notice } from '../../../components/notice';
import { requireAdmin } from '../../lib/admin-guard';
import { useAdminAction } from '../../lib/use-admin-action';
import { loadConsequenceSheet, type ConsequenceSheet } from './load';
import { actionsByKind, certainties, groupByRule } from './sheet';
import { SourceBanner } from './components/source-banner';
import { RuleGroupCard } from './components/rule-group';
import { KindSummaryCard } from './components/kind-summary';
import { RoundTasks } from '../../components/round-tasks';
import '../rounds/index.scss';
import './index.scss';

/** Browsers print the page as laid out for paper (index.scss); WeChat has no print. */
const canPrint = process.env.TARO_ENV === 'h5';

/**
 * The supervising office's consequence sheet for one round (forwarded to the organisation
 * department): who gets what by kind of action, then every action grouped by rule, with the rounds that triggered it and where it comes from.
 */
export default function ConsequencesPage() {
  const roundId = useRouter().params.roundId ?? '';
  const [session] = useState(() => requireAdmin(`/admin/pages/consequences/index?roundId=${roundId}`));
  const [sheet, setSheet] = useState<ConsequenceSheet>();
  const reload = () => loadConsequenceSheet(roundId).then(setSheet);
  const { busy, message, act, fail } = useAdminAction(reload);
  useEffect(() => {
    if (session) reload().catch(fail);
  }, [session, roundId]);
  const groups = useMemo(() => groupByRule(sheet?.actions ?? []), [sheet]);
  const kinds = useMemo(() => actionsByKind(sheet?.actions ?? []), [sheet]);
  const certainty = useMemo(() => certainties(sheet?.actions ?? [], sheet?.result ?? null), [sheet]);

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  if (!sheet) return message ? <Notice tone='error' testId='consequences-error'>{message.text}</Notice> : <Notice>正在加载…</Notice>;
  const { round } = sheet;
  // A rank is within its group: name the group only when there are several.
  const groupLabels = sheet.groupLabels.size > 1 ? sheet.groupLabels : undefined;
  return (
    <View className='consequences'>
      <View className='consequences__head'>
        <Text className='consequences__title'>{`${round?.name ?? roundId} 处理措施清单`}</Text>
        {round && (
          <Text className='consequences__sub'>{`${round.period.label} · ${SCHEME_PRESETS[round.schemeId]?.name ?? round.schemeId} · ${ROUND_STATUS_LABELS[round.status]}`}</Text>
        )}
        <Text className='consequences__sub' data-testid='consequence-count'>{`共 ${sheet.actions.length} 项处理措施，涉及 ${new Set(sheet.actions.map((a) => a.targetId)).size} 个评议对象`}</Text>
        <View className='consequences__tools'>
          <Text className='consequences__link' onClick={() => Taro.navigateTo({ url: `/admin/pages/review/index?id=${roundId}` })}>审核与发布</Text>
          {canPrint && <Text className='consequences__link' data-testid='consequences-print' onClick={() => window.print()}>打印</Text>}
        </View>
      </View>
      <SourceBanner source={sheet.source} />
      {(sheet.result?.notes ?? []).map((n) => (
        <Notice key={n.id} testId={`round-note-${n.id}`}>{n.text}</Notice>
      ))}
      <KindSummaryCard kinds={kinds} />
      {groups.length === 0 && <Notice testId='consequences-empty'>本轮没有触发处理措施</Notice>}
      {groups.map((g) => (
        <RuleGroupCard key={g.ruleId} group={g} roundId={roundId} rounds={sheet.rounds} standings={sheet.standings} groupLabels={groupLabels} certainty={certainty} />
      ))}
      <View className='admin__card consequences__tasks'>
        <Text className='admin__title'>整改任务</Text>
        {message && sheet && <Notice tone={message.tone} testId='round-tasks-message'>{message.text}</Notice>}
        <RoundTasks roundId={roundId} published={round?.status === 'published'} rules={groups.map((g) => ({ ruleId: g.ruleId, label: g.label }))} busy={busy} act={act} />
      </View>
    </View>
  );
}
