import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { PaperOverview } from '@shared/api/paper';
import type { OrgNode } from '@shared/model/org';
import type { RoundView } from '@shared/api/rounds';
import { PAPER_KINDS, PAPER_KIND_RULES, type PaperKind } from '@shared/paper/kinds';
import { Notice } from '../../../components/notice';
import { formsPdfPath, getPaperOverview, issueForms, openPdf } from '../../../api/paper';
import { getRound, getRoundTargets } from '../../../api/staff';
import { formatTime } from '../../../lib/format';
import { requireAdmin } from '../../lib/admin-guard';
import { useAdminAction } from '../../lib/use-admin-action';
import '../rounds/index.scss';
import './index.scss';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * A round's paper: forms issued and returned per target with the return rate (回收率 = 收回 ÷
 * 印发, the engine's own number: domain/paper/return-rate.ts; under 60% shown in red: 甘泉 makes that post 不满意), the batches issued with a print
 * button each, and issuing a new batch (pick targets, count, kind). Printing never issues: a
 * reprint is the same serials.
 */
export default function PaperPage() {
  const roundId = useRouter().params.id ?? '';
  const [session] = useState(() => requireAdmin(`/admin/pages/paper/index?id=${roundId}`));
  const [overview, setOverview] = useState<PaperOverview>();
  const [round, setRound] = useState<RoundView['round']>();
  const [targets, setTargets] = useState<OrgNode[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [search, setSearch] = useState('');
  const [count, setCount] = useState('50');
  const [kind, setKind] = useState<PaperKind>('envelope');

  const reload = async () => setOverview(await getPaperOverview(roundId));
  const { busy, message, act, fail } = useAdminAction(reload);
  useEffect(() => {
    if (!session) return;
    reload().catch(fail);
    getRound(roundId)
      .then(async (v) => {
        setRound(v.round);
        setTargets(await getRoundTargets(v.round));
        const usable = PAPER_KINDS.find((k) => PAPER_KIND_RULES[k].channels.some((c) => v.round.channels.includes(c)));
        if (usable) setKind(usable);
      })
      .catch(fail);
  }, [session, roundId]);

  const shown = useMemo(() => {
    const q = search.trim();
    return q ? targets.filter((t) => t.name.includes(q) || t.id.includes(q)) : targets;
  }, [targets, search]);
  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;

  const kinds = PAPER_KINDS.filter((k) => !round || PAPER_KIND_RULES[k].channels.some((c) => round.channels.includes(c)));
  const n = Number(count);
  const countOk = Number.isInteger(n) && n >= 1 && n <= 500;
  const toggle = (id: string) => setPicked((p) => {
    const next = new Set(p);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const issue = () => act(`印发 ${picked.size * n} 份`, async () => {
    await issueForms(roundId, { targetIds: [...picked], count: n, kind });
    setPicked(new Set());
  });

  return (
    <View className='admin'>
      <View className='admin__card'>
        <Text className='admin__title'>{round ? `${round.name}：纸质测评表` : '纸质测评表'}</Text>
        <Text className='admin__sub'>回收率 = 收回 ÷ 已印发（邮寄测评表、入户走访表）：收回是纸质表已计入的份数加上扫表上二维码在线填写的份数，窗口二维码的评价不算收回的表；与评议结果中的回收率是同一个数。两遍录入一致或经主管裁定后才计入。</Text>
        <View className='admin__actions'>
          <Text className='admin__link' data-testid='paper-intake' onClick={() => Taro.navigateTo({ url: `/admin/pages/paper-intake/index?id=${roundId}` })}>录入回收的表</Text>
          <Text className='admin__link' data-testid='paper-mismatches' onClick={() => Taro.navigateTo({ url: `/admin/pages/paper-mismatches/index?id=${roundId}` })}>裁定录入分歧</Text>
        </View>
      </View>
      {message && <Notice tone={message.tone} testId='paper-message'>{message.text}</Notice>}

      <View className='admin__card' data-testid='paper-overview'>
        <Text className='admin__title'>印发与回收</Text>
        {overview?.targets.length === 0 && <Text className='admin__sub'>尚未印发</Text>}
        {overview?.targets.map((t) => (
          <View key={t.targetId} className='paper__row' data-testid={`paper-row-${t.targetId}`}>
            <Text className='paper__name'>{t.targetName}</Text>
            <Text>{`印发 ${t.issued}`}</Text>
            <Text>{`已计入 ${t.counted}`}</Text>
            {t.online > 0 && <Text data-testid='paper-online'>{`扫码在线填写 ${t.online}`}</Text>}
            {t.awaitingSecond > 0 && <Text>{`待第二遍 ${t.awaitingSecond}`}</Text>}
            {t.mismatches > 0 && <Text className='paper__low'>{`待裁定 ${t.mismatches}`}</Text>}
            <Text className={t.returnRate !== null && t.returnRate < 0.6 ? 'paper__low' : ''} data-testid='paper-rate'>{`回收率 ${percent(t.returnRate)}`}</Text>
          </View>
        ))}
      </View>

      <View className='admin__card' data-testid='paper-batches'>
        <Text className='admin__title'>已印发批次</Text>
        {overview && overview.batches.length > 0 && (
          <Button block disabled={busy} onClick={() => openPdf(formsPdfPath(roundId)).catch(fail)} data-testid='paper-print-all'>打印全部测评表（PDF）</Button>
        )}
        {overview?.batches.map((b) => (
          <View key={b.batchId} className='paper__row'>
            <Text className='paper__name'>{b.targetName}</Text>
            <Text>{`${PAPER_KIND_RULES[b.kind].label} ${b.count} 份`}</Text>
            <Text>{formatTime(b.issuedAt)}</Text>
            <Text className='admin__link' data-testid={`paper-print-${b.batchId}`} onClick={() => openPdf(formsPdfPath(roundId, b.batchId)).catch(fail)}>打印本批</Text>
          </View>
        ))}
      </View>

      <View className='admin__card' data-testid='paper-issue'>
        <Text className='admin__title'>印发新一批</Text>
        <Text className='admin__label'>表别</Text>
        <View className='admin__chips'>
          {kinds.map((k) => (
            <Text key={k} className={`admin__chip ${k === kind ? 'is-on' : ''}`} data-testid={`paper-kind-${k}`} onClick={() => setKind(k)}>{PAPER_KIND_RULES[k].label}</Text>
          ))}
        </View>
        <Text className='admin__label'>每个单位印发份数（1–500）</Text>
        <Input className='admin__input' type='number' value={count} onInput={(e) => setCount(e.detail.value)} data-testid='paper-count' />
        {!countOk && <Text className='admin__error'>份数须为 1 到 500 的整数</Text>}
        <Text className='admin__label'>{`评议对象（已选 ${picked.size} 个）`}</Text>
        <Input className='admin__input' placeholder='按名称搜索' value={search} onInput={(e) => setSearch(e.detail.value)} data-testid='paper-search' />
        <View className='admin__actions'>
          <Text className='admin__link' onClick={() => setPicked(new Set([...picked, ...shown.map((t) => t.id)]))}>全选所列</Text>
          <Text className='admin__link' onClick={() => setPicked(new Set())}>清空</Text>
        </View>
        <View className='paper__list'>
          {shown.map((t) => (
            <View key={t.id} className={`paper__target ${picked.has(t.id) ? 'is-on' : ''}`} data-testid={`paper-target-${t.id}`} onClick={() => toggle(t.id)}>
              <Text className='paper__box'>{picked.has(t.id) ? '✓' : ''}</Text>
              <Text>{t.name}</Text>
            </View>
          ))}
        </View>
        <Button type='primary' block loading={busy} disabled={busy || picked.size === 0 || !countOk} onClick={issue} data-testid='paper-issue-submit'>
          {picked.size > 0 && countOk ? `印发 ${picked.size * n} 份（每份一个编号）` : '印发'}
        </Button>
      </View>
    </View>
  );
}
