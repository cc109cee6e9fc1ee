import { useEffect, useMemo, useState } from 'react';
import { View, Text, Input, Textarea } from '@tarojs/components';
import type { Round } from '@shared/model/round';
import type { OrgNode } from '@shared/model/org';
import type { BallotForm as Form } from '@shared/model/form';
import { Notice } from '../../../components/notice';
import { CarePage } from '../../../components/care-page';
import { BallotForm, type BallotInput } from '../../../components/ballot-form';
import { userMessage } from '../../../api/errors';
import { getRound, getRoundTargets, listRounds } from '../../../api/staff';
import { submitSheet } from '../../../api/panels';
import { uuid4 } from '../../../lib/uuid';
import { requireStaff } from '../../lib/guard';
import './index.scss';

type Kind = 'instant' | 'monthly' | 'inspection';
const KINDS: Record<Kind, { label: string; role: string; channel: 'monitor' | 'inspection' }> = {
  instant: { label: '即时监测表', role: 'monitor', channel: 'monitor' },
  monthly: { label: '月度综合测评表', role: 'monitor', channel: 'monitor' },
  inspection: { label: '明察暗访记录', role: 'inspector', channel: 'inspection' },
};
const cstToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The form a sheet answers: an instant or monthly sheet answers only its own item. */
function sheetForm(form: Form | undefined, kind: Kind): Form | undefined {
  if (!form || kind === 'inspection') return form;
  const items = form.items.filter((i) => i.id === kind);
  return items.length > 0 ? { ...form, items } : undefined;
}

/**
 * A monitor point (监测点) or inspector (明察暗访) files a sheet on the phone: the round, the
 * section, the sheet kind, the answers; a monthly sheet names its month, an inspection its day
 * and notes. A retry of the same sheet gets the same receipt.
 */
function SheetsView() {
  const [session] = useState(() => requireStaff('/staff/pages/sheets/index'));
  const kinds = (Object.keys(KINDS) as Kind[]).filter((k) => KINDS[k].role === session?.role);
  const [kind, setKind] = useState<Kind | undefined>(kinds[0]);
  const [rounds, setRounds] = useState<Round[]>([]);
  const [roundId, setRoundId] = useState<string>();
  const [targets, setTargets] = useState<OrgNode[]>([]);
  const [targetId, setTargetId] = useState<string>();
  const [forms, setForms] = useState<Record<string, Form>>({});
  const [month, setMonth] = useState(cstToday().slice(0, 7));
  const [visitedOn, setVisitedOn] = useState(cstToday());
  const [notes, setNotes] = useState('');
  const [sheetId, setSheetId] = useState(uuid4());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string }>();
  const channel = kind ? KINDS[kind].channel : undefined;

  useEffect(() => {
    if (!session || !channel) return;
    listRounds().then((r) => {
      const open = r.rounds.filter((x) => x.status === 'open' && x.channels.includes(channel));
      setRounds(open);
      setRoundId((id) => (open.some((x) => x.id === id) ? id : open[0]?.id));
    }, (e) => setMessage({ tone: 'error', text: userMessage(e) }));
  }, [session, channel]);
  useEffect(() => {
    const round = rounds.find((r) => r.id === roundId);
    if (!round) return;
    getRound(round.id).then((v) => setForms(v.forms), (e) => setMessage({ tone: 'error', text: userMessage(e) }));
    getRoundTargets(round).then(setTargets, (e) => setMessage({ tone: 'error', text: userMessage(e) }));
  }, [roundId, rounds]);
  const form = useMemo(() => (kind && channel ? sheetForm(forms[channel] ?? forms.default, kind) : undefined), [forms, kind, channel]);

  if (!session) return <Notice>请先登录</Notice>;
  if (kinds.length === 0) return <Notice tone='error'>本页供监测点和明察暗访人员填报，当前账号无此权限</Notice>;

  const submit = async (input: BallotInput) => {
    if (!roundId || !targetId || !kind) return setMessage({ tone: 'error', text: '请选择评议轮次和被测评科室' });
    setBusy(true);
    try {
      const r = await submitSheet({
        clientBallotId: sheetId, roundId, targetId, kind, answers: input.answers,
        ...(input.comment ? { comment: input.comment } : {}),
        ...(kind === 'monthly' ? { month: month.trim() } : {}),
        ...(kind === 'inspection' ? { visitedOn: visitedOn.trim(), ...(notes.trim() ? { notes: notes.trim() } : {}) } : {}),
      });
      setMessage({ tone: 'ok', text: `${r.replayed ? '此表已提交过' : '已提交'}，回执 ${r.receipt.receiptId}` });
      setSheetId(uuid4());
      setNotes('');
    } catch (e) {
      setMessage({ tone: 'error', text: userMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='sheets'>
      <View className='sheets__card'>
        <Text className='sheets__label'>填报类型</Text>
        <View className='sheets__chips'>
          {kinds.map((k) => <Text key={k} className={`sheets__chip ${kind === k ? 'is-on' : ''}`} data-testid={`sheet-kind-${k}`} onClick={() => setKind(k)}>{KINDS[k].label}</Text>)}
        </View>
        <Text className='sheets__label'>评议轮次</Text>
        <View className='sheets__chips'>
          {rounds.map((r) => <Text key={r.id} className={`sheets__chip ${roundId === r.id ? 'is-on' : ''}`} onClick={() => setRoundId(r.id)}>{r.name}</Text>)}
        </View>
        {rounds.length === 0 && <Text className='sheets__sub'>没有进行中、接受此类填报的评议</Text>}
        <Text className='sheets__label'>被测评科室</Text>
        <View className='sheets__chips'>
          {targets.map((t) => <Text key={t.id} className={`sheets__chip ${targetId === t.id ? 'is-on' : ''}`} data-testid={`sheet-target-${t.id}`} onClick={() => setTargetId(t.id)}>{t.name}</Text>)}
        </View>
        {kind === 'monthly' && (
          <>
            <Text className='sheets__label'>测评月份（年-月）</Text>
            <Input className='sheets__input' value={month} onInput={(e) => setMonth(e.detail.value)} data-testid='sheet-month' />
          </>
        )}
        {kind === 'inspection' && (
          <>
            <Text className='sheets__label'>暗访日期（年-月-日）</Text>
            <Input className='sheets__input' value={visitedOn} onInput={(e) => setVisitedOn(e.detail.value)} data-testid='sheet-visited' />
            <Text className='sheets__label'>暗访情况记录</Text>
            <Textarea className='sheets__textarea' value={notes} maxlength={2000} onInput={(e) => setNotes(e.detail.value)} data-testid='sheet-notes' />
          </>
        )}
      </View>
      {message && <Notice tone={message.tone} testId='sheet-message'>{message.text}</Notice>}
      {form ? <BallotForm key={sheetId} form={form} submitting={busy} onSubmit={(i) => void submit(i)} /> : roundId && <Notice>本轮方案没有这种测评表</Notice>}
    </View>
  );
}

/** In the care-mode frame: monitor points are often retired residents (监督员). */
export default function SheetsPage() {
  return <CarePage><SheetsView /></CarePage>;
}
