import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { z } from 'zod';
import type { AuditLogResponse, PublicationSummary, ReviewBallotsResponse } from '@shared/api/publication';
import type { RoundView } from '@shared/api/rounds';
import type { OrgNode } from '@shared/model/org';
import { ROUND_STATUS_LABELS } from '@shared/model/round';
import { Notice } from '../../../components/notice';
import { userMessage } from '../../../api/errors';
import { getResults, getRound, getRoundTargets } from '../../../api/staff';
import type { RoundResult } from '../../../api/staff';
import { decideFlag, publishRound, recordMisconduct, reviewBallots, roundAudit, roundFlags, voidBallot } from '../../../api/review';
import { getPublished } from '../../../api/public';
import { formatTime } from '../../../lib/format';
import { requireAdmin } from '../../lib/admin-guard';
import { useAdminAction } from '../../lib/use-admin-action';
import { answerLabeller } from '../../lib/answer-labels';
import { ReviewBallots } from '../../components/review-ballots';
import { MisconductForm } from '../../components/misconduct-form';
import { PublishBox, type PublishPreview } from '../../components/publish-box';
import { RecountCard } from '../../components/recount-card';
import { OriginalComments } from '../../components/original-comments';
import { FlagReview } from '../../components/flag-review';
import { ResultRanking } from '../../components/result-ranking';
import type { FlagView } from '@shared/api/flags';
import '../rounds/index.scss';

const AUDIT_LABELS: Record<string, string> = { void_ballot: '作废评价票', record_misconduct: '记录查实问题', publish: '发布结果', publish_correction: '发布更正', flag_decision: '决定异常评价', set_target_input: '录入数据', correct_target_input: '更正录入数据' };

const previewOf = (r: RoundResult): PublishPreview => ({
  targets: r.targets.length,
  ranked: r.targets.filter((t) => t.rank !== null && t.rank !== undefined).length,
  consequences: r.targets.reduce((n, t) => n + t.consequences.length, 0),
  pending: r.targets.reduce((n, t) => n + (t.missing?.length ?? 0), 0),
});

/**
 * Between close and publication: read the ballots, void with reasons, decide flags, record
 * misconduct, recount, read original comments (audited), then publish what the ranking shows.
 */
export default function ReviewPage() {
  const roundId = useRouter().params.id ?? '';
  const [session] = useState(() => requireAdmin(`/admin/pages/review/index?id=${roundId}`));
  const [view, setView] = useState<RoundView>();
  const [nodes, setNodes] = useState<OrgNode[]>([]);
  const [ballots, setBallots] = useState<z.infer<typeof ReviewBallotsResponse>['ballots']>([]);
  const [audit, setAudit] = useState<z.infer<typeof AuditLogResponse>['entries']>([]);
  const [last, setLast] = useState<PublicationSummary>();
  const [flags, setFlags] = useState<FlagView[]>([]);
  const [result, setResult] = useState<RoundResult | null>(null);
  const [resultError, setResultError] = useState<string>();

  const reload = async () => {
    const [v, b, a, f] = await Promise.all([getRound(roundId), reviewBallots(roundId), roundAudit(roundId), roundFlags(roundId)]);
    // The round's targets only (their names for ballots and flags, the misconduct form's list), not the tree.
    const targets = await getRoundTargets(v.round);
    setFlags(f.flags);
    setView(v);
    setNodes(targets);
    setBallots(b.ballots);
    setAudit(a.entries);
    // The ranking as it stands: scored for a closed or published round (待录入 listed, never refused).
    // A refused result (e.g. incomplete history) is shown in its card; the review itself goes on.
    setResultError(undefined);
    setResult(v.round.status === 'closed' || v.round.status === 'published' ? await getResults(roundId).catch((e) => (setResultError(userMessage(e)), null)) : null);
    if (v.round.status === 'published') {
      const p = await getPublished(roundId);
      setLast(p.versions.find((x) => x.version === p.version));
    }
  };
  const { busy, message, act, fail } = useAdminAction(reload);
  useEffect(() => {
    if (session) reload().catch(fail);
  }, [session, roundId]);


  const names = useMemo(() => new Map(nodes.map((n) => [n.id, n.name])), [nodes]);
  const describe = useMemo(() => answerLabeller(view?.forms ?? {}), [view]);
  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  if (!view) return message ? <Notice tone='error'>{message.text}</Notice> : <Notice>正在加载…</Notice>;
  const { round } = view;
  const reviewable = round.status === 'closed' || round.status === 'published';
  const targets = nodes.filter((n) => n.kind === round.targetKind && (!round.targetIds || round.targetIds.includes(n.id)));
  return (
    <View className='admin'>
      <View className='admin__card'>
        <Text className='admin__title'>{round.name}</Text>
        <Text className='admin__sub' data-testid='round-status'>{`${round.period.label} · ${view.schemeName} · ${ROUND_STATUS_LABELS[round.status]}`}</Text>
        <Text className='admin__link' data-testid='consequences-link' onClick={() => Taro.navigateTo({ url: `/admin/pages/consequences/index?roundId=${roundId}` })}>处理措施清单</Text>
      </View>
      {message && <Notice tone={message.tone} testId='review-message'>{message.text}</Notice>}
      {(result || resultError) && (
        <View className='admin__card'>
          <Text className='admin__title'>排名结果</Text>
          {resultError && <Notice tone='error' testId='ranking-error'>{resultError}</Notice>}
          {result && <ResultRanking result={result} />}
        </View>
      )}
      <View className='admin__card' data-testid='flags'>
        <Text className='admin__title'>异常评价（疑似刷票）</Text>
        <FlagReview flags={flags} targetName={(id) => names.get(id) ?? id} canDecide={reviewable} busy={busy}
          onDecide={(flagId, decision, reason) => act(decision === 'exclude' ? '剔除' : '保留', () => decideFlag(roundId, flagId, { decision, reason }))} />
      </View>
      <View className='admin__card'>
        <Text className='admin__title'>评价票审核</Text>
        <ReviewBallots ballots={ballots} targetName={(id) => names.get(id) ?? id} describe={describe} canVoid={reviewable} busy={busy}
          onVoid={(ref, reason) => act('作废', () => voidBallot(roundId, ref, reason))} />
      </View>
      {reviewable && (
        <View className='admin__card'>
          <Text className='admin__title'>查实问题</Text>
          <MisconductForm targets={targets} busy={busy} onRecord={(req) => act('记录', () => recordMisconduct(roundId, req))} />
        </View>
      )}
      {reviewable && <RecountCard roundId={roundId} busy={busy} act={act} />}
      {reviewable && <OriginalComments roundId={roundId} targets={targets} />}
      <View className='admin__card'>
        <Text className='admin__title'>发布</Text>
        <PublishBox round={round} last={last} busy={busy} preview={result ? previewOf(result) : undefined}
          onPublish={(reason) => act(reason ? '发布更正' : '发布', async () => setLast(await publishRound(roundId, reason)))} />
      </View>
      <View className='admin__card' data-testid='audit-log'>
        <Text className='admin__title'>审计日志</Text>
        {audit.length === 0 && <Text className='admin__sub'>暂无操作</Text>}
        {audit.map((e) => (
          <Text key={e.entryId} className='admin__sub'>{`${formatTime(e.at)} ${e.actor} ${AUDIT_LABELS[e.action] ?? e.action}${e.reason ? `：${e.reason}` : ''}`}</Text>
        ))}
      </View>
    </View>
  );
}
