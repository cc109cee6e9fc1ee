import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { CHANNEL_KINDS, CHANNEL_LABELS } from '@shared/model/channel';
import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import type { ProgrammeListResponse } from '@shared/api/programmes';
import { InputProblem } from '../../../api/errors';
import { getNodesOfKind } from '../../../api/staff';
import { createRound } from '../../../api/admin';
import { Field } from '../field';
import { TargetPicker } from '../target-picker';
import { checkDateRange, cstDate, cstInstant } from '../../lib/dates';
import { schemeChoiceLabel, useSchemeOutline, useStoredSchemes } from '../../lib/stored-schemes';
import { defaultGroupMap, unmappedCategories } from '../../lib/group-map';

type Programme = ProgrammeListResponse['programmes'][number];
type Props = { programmes: Programme[]; busy: boolean; act: (label: string, fn: () => Promise<unknown>) => Promise<void> };

/**
 * A new round: in a programme (its scheme, level and targets) or on its own, on a stored scheme
 * (the county's own first, then the presets), with the channels its latest version takes (all of
 * them preselected; a channel the scheme lacks can never stay selected), the
 * units or sections it covers picked by name, and its dates checked in words before sending.
 */
export function RoundCreate({ programmes, busy, act }: Props) {
  const [draft, setDraft] = useState({ id: '', name: '', period: `${cstDate().slice(0, 4)}年评议`, schemeId: '', targetKind: 'unit' as 'unit' | 'section', start: cstDate(), end: cstDate(30) });
  const [channels, setChannels] = useState<ChannelKind[]>([]);
  const [programmeId, setProgrammeId] = useState('');
  const [nodes, setNodes] = useState<OrgNode[]>([]);
  const [picked, setPicked] = useState<string[]>([]);
  const programme = programmes.find((p) => p.id === programmeId);

  const schemes = useStoredSchemes(true);
  // The first stored scheme (the county's own before the presets) until the clerk picks one.
  useEffect(() => {
    if (schemes[0]) setDraft((d) => (d.schemeId ? d : { ...d, schemeId: schemes[0]!.schemeId }));
  }, [schemes]);
  const outline = useSchemeOutline(draft.schemeId);
  const schemeChannels = outline?.channels;
  const offered = CHANNEL_KINDS.filter((c) => schemeChannels?.includes(c));
  useEffect(() => {
    if (schemeChannels) setChannels(CHANNEL_KINDS.filter((c) => schemeChannels.includes(c)));
  }, [schemeChannels]);
  useEffect(() => {
    getNodesOfKind(draft.targetKind).then(setNodes, () => setNodes([]));
  }, [draft.targetKind]);
  // A scheme that ranks by group (通河, 效能办): the county's 组别 holding the picked targets, each
  // placed in one of the scheme's groups (proposed by id or name, changed with a tap).
  const [categories, setCategories] = useState<OrgNode[]>([]);
  useEffect(() => {
    getNodesOfKind('category').then(setCategories, () => setCategories([]));
  }, []);
  const groups = outline?.groups ?? [];
  const pickedPaths = new Set(nodes.filter((n) => picked.includes(n.id)).flatMap((n) => n.path));
  const relevant = groups.length === 0 ? [] : categories.filter((c) => pickedPaths.has(c.id));
  const [groupMap, setGroupMap] = useState<Record<string, string>>({});
  useEffect(() => {
    setGroupMap({ ...defaultGroupMap(categories, outline?.groups ?? []), ...(programme?.groupMap ?? {}) });
  }, [outline, categories, programmeId]);
  const pickScheme = (schemeId: string) => setDraft((d) => ({ ...d, schemeId }));
  // In a programme the scheme, level and targets are the programme's; the period kind is its cadence.
  const pickProgramme = (id: string) => {
    setProgrammeId(id);
    const p = programmes.find((x) => x.id === id);
    if (p && (p.targetKind === 'unit' || p.targetKind === 'section')) {
      setDraft((d) => ({ ...d, schemeId: p.schemeId, targetKind: p.targetKind as 'unit' | 'section' }));
      setPicked(p.targetIds ?? []);
    }
  };
  const chosen = channels.filter((c) => offered.includes(c));

  const create = () => act('创建', async () => {
    const dates = checkDateRange(draft.start, draft.end);
    if (dates) throw new InputProblem(dates);
    if (!draft.id.trim()) throw new InputProblem('请填写轮次编号');
    if (!draft.name.trim()) throw new InputProblem('请填写轮次名称');
    if (!draft.schemeId) throw new InputProblem('请选择评议方案');
    if (chosen.length === 0) throw new InputProblem('请至少选择一种评价方式');
    if (picked.length === 0) throw new InputProblem('请选择参加本轮评议的单位或科室');
    const unplaced = unmappedCategories(relevant, groups, groupMap);
    if (unplaced.length > 0) throw new InputProblem(`请为组别“${unplaced.map((c) => c.name).join('、')}”选择本方案的排名分组`);
    await createRound({
      id: draft.id.trim(), name: draft.name.trim(), schemeId: draft.schemeId, targetKind: draft.targetKind, channels: chosen, targetIds: picked,
      ...(programme ? { programmeId: programme.id } : {}),
      ...(relevant.length > 0 ? { groupMap: Object.fromEntries(relevant.map((c) => [c.id, groupMap[c.id]!])) } : {}),
      period: { kind: programme ? programme.cadence : 'custom', label: draft.period.trim(), start: draft.start.trim(), end: draft.end.trim() },
      opensAt: cstInstant(draft.start.trim()), closesAt: cstInstant(draft.end.trim(), true),
    });
  });

  return (
    <View data-testid='round-create-form'>
      <Text className='admin__title'>新建评议轮次</Text>
      <Field label='编号（字母数字）' value={draft.id} testId='round-id' onInput={(v) => setDraft({ ...draft, id: v })} />
      <Field label='名称' value={draft.name} testId='round-name' onInput={(v) => setDraft({ ...draft, name: v })} />
      <Field label='期间' value={draft.period} testId='round-period' onInput={(v) => setDraft({ ...draft, period: v })} />
      <Text className='admin__label'>所属评议项目（连续评议只在同一项目已公布的轮次间计算）</Text>
      <View className='admin__chips'>
        <Text className={`admin__chip ${programmeId === '' ? 'is-on' : ''}`} data-testid='round-programme-none' onClick={() => setProgrammeId('')}>单独成项</Text>
        {programmes.map((p) => (
          <Text key={p.id} className={`admin__chip ${programmeId === p.id ? 'is-on' : ''}`} data-testid={`round-programme-${p.id}`} onClick={() => pickProgramme(p.id)}>{p.name}</Text>
        ))}
      </View>
      <Text className='admin__label'>评议方案</Text>
      <View className='admin__chips'>
        {schemes.filter((x) => !programme || x.schemeId === programme.schemeId).map((x) => (
          <Text key={x.schemeId} className={`admin__chip ${draft.schemeId === x.schemeId ? 'is-on' : ''}`} data-testid={`round-scheme-${x.schemeId}`} onClick={() => pickScheme(x.schemeId)}>{schemeChoiceLabel(x)}</Text>
        ))}
      </View>
      <Text className='admin__label'>评议对象</Text>
      <View className='admin__chips'>
        {(['unit', 'section'] as const).map((k) => (
          <Text key={k} className={`admin__chip ${draft.targetKind === k ? 'is-on' : ''}`} data-testid={`round-kind-${k}`} onClick={() => { setDraft({ ...draft, targetKind: k }); setPicked([]); }}>{k === 'unit' ? '单位' : '科室'}</Text>
        ))}
      </View>
      <TargetPicker nodes={nodes} picked={picked} onChange={setPicked} testId='round-targets' />
      {relevant.length > 0 && (
        <View data-testid='round-groups'>
          <Text className='admin__label'>组别对应的排名分组（本方案按分组排名）</Text>
          {relevant.map((c) => (
            <View key={c.id} data-testid={`round-group-${c.id}`}>
              <Text className='admin__sub'>{c.name}</Text>
              <View className='admin__chips'>
                {groups.map((g) => (
                  <Text key={g.id} className={`admin__chip ${groupMap[c.id] === g.id ? 'is-on' : ''}`} data-testid={`round-group-${c.id}-${g.id}`} onClick={() => setGroupMap({ ...groupMap, [c.id]: g.id })}>{g.label}</Text>
                ))}
              </View>
            </View>
          ))}
        </View>
      )}
      <Text className='admin__label'>评价方式（本方案采用的）</Text>
      <View className='admin__chips'>
        {offered.map((c) => (
          <Text key={c} className={`admin__chip ${chosen.includes(c) ? 'is-on' : ''}`} data-testid={`round-channel-${c}`} onClick={() => setChannels(chosen.includes(c) ? chosen.filter((x) => x !== c) : [...chosen, c])}>{CHANNEL_LABELS[c]}</Text>
        ))}
      </View>
      <Field label='开始日期（年-月-日）' value={draft.start} testId='round-start' onInput={(v) => setDraft({ ...draft, start: v })} />
      <Field label='结束日期（年-月-日）' value={draft.end} testId='round-end' onInput={(v) => setDraft({ ...draft, end: v })} />
      <Button type='primary' block loading={busy} data-testid='round-create' onClick={create}>创建</Button>
    </View>
  );
}
