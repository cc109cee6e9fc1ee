import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { ProgrammeListResponse } from '@shared/api/programmes';
import { CADENCES, CADENCE_LABELS, type Cadence } from '@shared/model/programme';
import { NODE_KIND_LABELS } from '@shared/model/org';
import { Notice } from '../../../components/notice';
import { createProgramme, listProgrammes } from '../../../api/programmes';
import { requireAdmin } from '../../lib/admin-guard';
import { Field } from '../../components/field';
import { useAdminAction } from '../../lib/use-admin-action';
import { schemeChoiceLabel, useStoredSchemes } from '../../lib/stored-schemes';
import '../rounds/index.scss';

type Listed = ProgrammeListResponse['programmes'][number];

/** Programmes (评议项目): each recurring evaluation, its scheme, cadence and rounds; create one. */
export default function ProgrammesPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/programmes/index'));
  const [programmes, setProgrammes] = useState<Listed[]>();
  const [draft, setDraft] = useState({ id: '', name: '', schemeId: '', cadence: 'quarter' as Cadence, targetKind: 'section' as 'unit' | 'section' | 'window', yearStartMonth: '1' });
  const reload = () => listProgrammes().then((r) => setProgrammes(r.programmes), (e) => fail(e));
  const { message, act, fail } = useAdminAction(reload);
  useEffect(() => {
    if (session) void reload();
  }, [session]);
  const schemes = useStoredSchemes(Boolean(session));
  // The first stored scheme (the county's own before the presets) until the clerk picks one.
  useEffect(() => {
    if (schemes[0]) setDraft((d) => (d.schemeId ? d : { ...d, schemeId: schemes[0]!.schemeId }));
  }, [schemes]);

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  // Solo programmes (one per round made without a programme) are listed after the office's own.
  const shown = [...(programmes ?? [])].sort((a, b) => Number(Boolean(a.soloRound)) - Number(Boolean(b.soloRound)));
  return (
    <View className='admin'>
      <View className='admin__nav'>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/rounds/index' })}>评议轮次</Text>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/schemes/index' })}>评议方案</Text>
      </View>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {programmes === undefined && !message && <Notice>正在加载…</Notice>}
      {programmes?.length === 0 && <Notice testId='programmes-empty'>还没有评议项目</Notice>}
      {shown.map((p) => (
        <View key={p.id} className='admin__card' data-testid={`programme-${p.id}`} onClick={() => Taro.navigateTo({ url: `/admin/pages/programme/index?id=${p.id}` })}>
          <Text className='admin__title'>{p.name}</Text>
          <Text className='admin__sub'>{`${p.schemeName} · ${CADENCE_LABELS[p.cadence]} · ${NODE_KIND_LABELS[p.targetKind]} · ${p.roundCount} 轮`}</Text>
          <Text className='admin__sub'>{p.soloRound ? `单轮评议（轮次 ${p.soloRound} 单独成项，不与其他轮次连续计算）` : `${p.id} · 评议年度自 ${p.yearStartMonth} 月起`}</Text>
        </View>
      ))}
      <View className='admin__card'>
        <Text className='admin__title'>新建评议项目</Text>
        <Field label='编号（字母数字）' value={draft.id} testId='programme-id' onInput={(v) => setDraft({ ...draft, id: v })} />
        <Field label='名称' value={draft.name} testId='programme-name' onInput={(v) => setDraft({ ...draft, name: v })} />
        <Text className='admin__label'>评议方案（创建时锁定版本）</Text>
        <View className='admin__chips'>
          {schemes.map((x) => (
            <Text key={x.schemeId} className={`admin__chip ${draft.schemeId === x.schemeId ? 'is-on' : ''}`} data-testid={`programme-scheme-${x.schemeId}`} onClick={() => setDraft({ ...draft, schemeId: x.schemeId })}>{schemeChoiceLabel(x)}</Text>
          ))}
        </View>
        <Text className='admin__label'>评议周期</Text>
        <View className='admin__chips'>
          {CADENCES.map((c) => (
            <Text key={c} className={`admin__chip ${draft.cadence === c ? 'is-on' : ''}`} data-testid={`programme-cadence-${c}`} onClick={() => setDraft({ ...draft, cadence: c })}>{CADENCE_LABELS[c]}</Text>
          ))}
        </View>
        <Text className='admin__label'>评议对象</Text>
        <View className='admin__chips'>
          {(['unit', 'section', 'window'] as const).map((k) => (
            <Text key={k} className={`admin__chip ${draft.targetKind === k ? 'is-on' : ''}`} data-testid={`programme-kind-${k}`} onClick={() => setDraft({ ...draft, targetKind: k })}>{NODE_KIND_LABELS[k]}</Text>
          ))}
        </View>
        <Field label='评议年度起始月份（1 为自然年）' value={draft.yearStartMonth} testId='programme-year-start' onInput={(v) => setDraft({ ...draft, yearStartMonth: v })} />
        <Button type='primary' block data-testid='programme-create' onClick={() => act('创建评议项目', () => createProgramme({
          id: draft.id.trim(), name: draft.name.trim(), schemeId: draft.schemeId, cadence: draft.cadence, targetKind: draft.targetKind, yearStartMonth: Number(draft.yearStartMonth) || 1,
        }))}>创建</Button>
      </View>
    </View>
  );
}
