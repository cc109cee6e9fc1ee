import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { Round } from '@shared/model/round';
import { ROUND_STATUS_LABELS } from '@shared/model/round';
import { CHANNEL_LABELS, CHANNEL_KINDS } from '@shared/model/channel';
import type { ChannelKind } from '@shared/model/channel';
import { Notice } from '../../../components/notice';
import { userMessage } from '../../../api/errors';
import { listRounds } from '../../../api/staff';
import { closeRound, createRound, createSamplingLink, openRound } from '../../../api/admin';
import { requireAdmin } from '../../lib/admin-guard';
import { Field } from '../../components/field';
import { useAdminAction } from '../../lib/use-admin-action';
import { HearingLinks } from '../../components/hearing-links';
import { CancelRound } from '../../components/cancel-round';
import { listProgrammes } from '../../../api/programmes';
import type { ProgrammeListResponse } from '@shared/api/programmes';
import { cstDate, cstInstant } from '../../lib/dates';
import { schemeChoiceLabel, useSchemeChannels, useStoredSchemes } from '../../lib/stored-schemes';
import './index.scss';

/**
 * Rounds: create one in a programme (or on its own), open, close or cancel it, publish its
 * sampling link.
 */
export default function RoundsPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/rounds/index'));
  const [rounds, setRounds] = useState<Round[]>([]);
  const [links, setLinks] = useState<Record<string, string>>({});
  const [draft, setDraft] = useState({ id: '', name: '', period: `${cstDate().slice(0, 4)}年评议`, schemeId: '', targetKind: 'unit' as 'unit' | 'section', start: cstDate(), end: cstDate(30) });
  const [channels, setChannels] = useState<ChannelKind[]>(['window', 'sampling']);
  const [programmes, setProgrammes] = useState<ProgrammeListResponse['programmes']>([]);
  const [programmeId, setProgrammeId] = useState('');

  const reload = () =>
    Promise.all([listRounds(), listProgrammes()]).then(
      ([r, p]) => {
        setRounds(r.rounds);
        setProgrammes(p.programmes.filter((x) => !x.soloRound));
      },
      (e) => fail(e),
    );
  const { message, act, fail } = useAdminAction(reload);
  useEffect(() => {
    if (session) void reload();
  }, [session]);


  const schemes = useStoredSchemes(Boolean(session));
  // The first stored scheme (the county's own before the presets) until the clerk picks one.
  useEffect(() => {
    if (schemes[0]) setDraft((d) => (d.schemeId ? d : { ...d, schemeId: schemes[0]!.schemeId }));
  }, [schemes]);
  const schemeChannels = useSchemeChannels(draft.schemeId);
  // A channel the chosen scheme does not read would be refused (CHANNEL_NOT_ALLOWED): keep only
  // the scheme's own, and start with its first ballot channel when none is left.
  useEffect(() => {
    if (!schemeChannels) return;
    setChannels((cs) => {
      const kept = cs.filter((c) => schemeChannels.includes(c));
      return kept.length > 0 ? kept : CHANNEL_KINDS.filter((c) => schemeChannels.includes(c)).slice(0, 1);
    });
  }, [schemeChannels]);

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  const programme = programmes.find((p) => p.id === programmeId);
  // In a programme the scheme and level are the programme's; the period kind is its cadence.
  const pickProgramme = (id: string) => {
    setProgrammeId(id);
    const p = programmes.find((x) => x.id === id);
    if (p && (p.targetKind === 'unit' || p.targetKind === 'section')) setDraft({ ...draft, schemeId: p.schemeId, targetKind: p.targetKind });
  };
  return (
    <View className='admin'>
      <View className='admin__nav'>
        <Text data-testid='nav-programmes' onClick={() => Taro.navigateTo({ url: '/admin/pages/programmes/index' })}>评议项目</Text>
        <Text data-testid='nav-schemes' onClick={() => Taro.navigateTo({ url: '/admin/pages/schemes/index' })}>评议方案</Text>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/import/index' })}>导入单位</Text>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/qr/index' })}>窗口二维码</Text>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/invitations/index' })}>定向邀请</Text>
      </View>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {rounds.map((r) => (
        <View key={r.id} className='admin__card' data-testid={`round-${r.id}`}>
          <Text className='admin__title'>{r.name}</Text>
          <Text className='admin__sub'>{`${r.id} · ${r.period.label} · ${ROUND_STATUS_LABELS[r.status]} · ${r.channels.map((c) => CHANNEL_LABELS[c]).join('、')}`}</Text>
          <View className='admin__actions'>
            {r.status === 'draft' && <Button size='small' type='primary' onClick={() => act('开启', () => openRound(r.id))}>开启</Button>}
            {r.status === 'open' && <Button size='small' type='danger' data-testid={`close-${r.id}`} onClick={() => act('结束', () => closeRound(r.id))}>结束</Button>}
            {(r.status === 'closed' || r.status === 'published') && (
              <Button size='small' type='primary' data-testid={`review-${r.id}`} onClick={() => Taro.navigateTo({ url: `/admin/pages/review/index?id=${r.id}` })}>{r.status === 'closed' ? '审核发布' : '审核更正'}</Button>
            )}
            {r.status === 'open' && r.channels.includes('sampling') && (
              <Button size='small' onClick={() => act('生成抽样链接', async () => { const l = await createSamplingLink(r.id); setLinks((x) => ({ ...x, [r.id]: l.url })); })}>抽样链接</Button>
            )}
          </View>
          {links[r.id] && <Text className='admin__link' userSelect>{links[r.id]}</Text>}
          <Text className='admin__link' data-testid={`inputs-${r.id}`} onClick={() => Taro.navigateTo({ url: `/admin/pages/inputs/index?id=${r.id}` })}>录入数据（服务人次、工作考核等）</Text>
          <Text className='admin__link' data-testid={`paper-${r.id}`} onClick={() => Taro.navigateTo({ url: `/admin/pages/paper/index?id=${r.id}` })}>纸质测评表（印发、打印、录入、回收率）</Text>
          {(r.status === 'closed' || r.status === 'published') && (
            <Text className='admin__link' data-testid={`consequences-${r.id}`} onClick={() => Taro.navigateTo({ url: `/admin/pages/consequences/index?roundId=${r.id}` })}>处理措施清单</Text>
          )}
          {(r.channels.includes('directed') || r.channels.includes('hearing')) && (
            <Text className='admin__link' data-testid={`draws-${r.id}`} onClick={() => Taro.navigateTo({ url: `/admin/pages/draws/index?round=${r.id}` })}>公开抽取评议代表</Text>
          )}
          {r.channels.includes('hearing') && <HearingLinks roundId={r.id} />}
          <CancelRound roundId={r.id} roundName={r.name} status={r.status} act={act} />
        </View>
      ))}
      <View className='admin__card'>
        <Text className='admin__title'>新建评议轮次</Text>
        <Field label='编号（字母数字）' value={draft.id} onInput={(v) => setDraft({ ...draft, id: v })} />
        <Field label='名称' value={draft.name} onInput={(v) => setDraft({ ...draft, name: v })} />
        <Field label='期间' value={draft.period} onInput={(v) => setDraft({ ...draft, period: v })} />
        <Text className='admin__label'>所属评议项目（连续评议只在同一项目已公布的轮次间计算）</Text>
        <View className='admin__chips'>
          <Text className={`admin__chip ${programmeId === '' ? 'is-on' : ''}`} onClick={() => setProgrammeId('')}>单独成项</Text>
          {programmes.map((p) => (
            <Text key={p.id} className={`admin__chip ${programmeId === p.id ? 'is-on' : ''}`} onClick={() => pickProgramme(p.id)}>{p.name}</Text>
          ))}
        </View>
        <Text className='admin__label'>评议方案</Text>
        <View className='admin__chips'>
          {schemes.filter((x) => !programme || x.schemeId === programme.schemeId).map((x) => (
            <Text key={x.schemeId} data-testid={`round-scheme-${x.schemeId}`} className={`admin__chip ${draft.schemeId === x.schemeId ? 'is-on' : ''}`} onClick={() => setDraft({ ...draft, schemeId: x.schemeId })}>{schemeChoiceLabel(x)}</Text>
          ))}
        </View>
        <Text className='admin__label'>评议对象</Text>
        <View className='admin__chips'>
          {(['unit', 'section'] as const).map((k) => (
            <Text key={k} className={`admin__chip ${draft.targetKind === k ? 'is-on' : ''}`} onClick={() => setDraft({ ...draft, targetKind: k })}>{k === 'unit' ? '单位' : '科室'}</Text>
          ))}
        </View>
        <Text className='admin__label'>评价方式</Text>
        <View className='admin__chips'>
          {(schemeChannels ? CHANNEL_KINDS.filter((c) => schemeChannels.includes(c)) : CHANNEL_KINDS).map((c) => (
            <Text key={c} className={`admin__chip ${channels.includes(c) ? 'is-on' : ''}`} onClick={() => setChannels(channels.includes(c) ? channels.filter((x) => x !== c) : [...channels, c])}>{CHANNEL_LABELS[c]}</Text>
          ))}
        </View>
        <Field label='开始日期' value={draft.start} onInput={(v) => setDraft({ ...draft, start: v })} />
        <Field label='结束日期' value={draft.end} onInput={(v) => setDraft({ ...draft, end: v })} />
        <Button type='primary' block data-testid='round-create' onClick={() => act('创建', () => createRound({
          id: draft.id.trim(), name: draft.name.trim(), schemeId: draft.schemeId, targetKind: draft.targetKind, channels,
          ...(programme ? { programmeId: programme.id } : {}),
          period: { kind: programme ? programme.cadence : 'custom', label: draft.period.trim(), start: draft.start, end: draft.end },
          opensAt: cstInstant(draft.start), closesAt: cstInstant(draft.end, true),
        }))}>创建</Button>
      </View>
    </View>
  );
}
