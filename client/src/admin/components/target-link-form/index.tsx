import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { LinkTargetsRequest } from '@shared/api/programmes';
import { TARGET_LINK_KINDS, TARGET_LINK_LABELS, type TargetLinkKind } from '@shared/model/programme';
import { linkTargets } from '../../../api/programmes';
import { userMessage } from '../../../api/errors';
import { LINK_KIND_HINTS, linkError, linkMeaning, linkProblemZh, parseIds } from '../../lib/target-link';

type Props = { programmeId: string; busy: boolean; act: (label: string, fn: () => Promise<unknown>) => Promise<void> };

/**
 * Records that targets were renamed, merged or split so their history follows them. Links are
 * append-only, so the office confirms a sentence saying what the link does to history first.
 */
export function TargetLinkForm({ programmeId, busy, act }: Props) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<TargetLinkKind>('rename');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [carries, setCarries] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string>();
  if (!open)
    return (
      <Text className='admin__link' data-testid='link-open' onClick={() => setOpen(true)}>
        记录更名、合并或拆分
      </Text>
    );
  const fromIds = parseIds(from);
  const req: LinkTargetsRequest = {
    kind,
    from: fromIds,
    to: parseIds(to),
    ...(kind !== 'rename' && carries.length > 0 ? { carries: kind === 'merge' ? carries.filter((c) => fromIds.includes(c)) : carries } : {}),
    ...(note.trim() ? { note: note.trim() } : {}),
  };
  const submit = async () => {
    const p = linkProblemZh(req);
    setProblem(p);
    if (p) return;
    const r = await Taro.showModal({ title: '确认记录', content: `${linkMeaning(req)}记录后不能修改或删除。`, confirmText: '确认记录', cancelText: '再想想' });
    if (!r.confirm) return;
    let ok = false;
    await act('记录关联', async () => {
      try {
        await linkTargets(programmeId, req);
        ok = true;
      } catch (e) {
        // Shown beside the form as well as at the top: on a phone the top is out of sight.
        const err = linkError(e);
        setProblem(userMessage(err));
        throw err;
      }
    });
    if (ok) {
      setFrom(''); setTo(''); setCarries([]); setNote(''); setOpen(false);
    }
  };
  const successors = parseIds(to);
  return (
    <View data-testid='link-form'>
      <Text className='admin__label'>关联类型</Text>
      <View className='admin__chips'>
        {TARGET_LINK_KINDS.map((k) => (
          <Text key={k} className={`admin__chip ${k === kind ? 'is-on' : ''}`} data-testid={`link-kind-${k}`} onClick={() => { setKind(k); setCarries([]); }}>
            {TARGET_LINK_LABELS[k]}
          </Text>
        ))}
      </View>
      <Text className='admin__sub'>{LINK_KIND_HINTS[kind]}</Text>
      <Text className='admin__label'>{kind === 'split' ? '原评议对象编号（一个）' : kind === 'merge' ? '原评议对象编号（两个及以上，用顿号或逗号分隔）' : '原评议对象编号'}</Text>
      <Input className='admin__input' data-testid='link-from' value={from} placeholder='例如：s11' onInput={(e) => setFrom(e.detail.value)} />
      <Text className='admin__label'>{kind === 'split' ? '现评议对象编号（两个及以上）' : '现评议对象编号'}</Text>
      <Input className='admin__input' data-testid='link-to' value={to} placeholder='例如：s11b' onInput={(e) => setTo(e.detail.value)} />
      {kind === 'merge' && fromIds.length > 0 && (
        <View>
          <Text className='admin__label'>延续哪个原对象的评议记录</Text>
          <View className='admin__chips'>
            <Text className={`admin__chip ${carries.length === 0 ? 'is-on' : ''}`} data-testid='link-carries-none' onClick={() => setCarries([])}>都不延续（重新计算）</Text>
            {fromIds.map((id) => (
              <Text key={id} className={`admin__chip ${carries[0] === id ? 'is-on' : ''}`} data-testid={`link-carries-${id}`} onClick={() => setCarries([id])}>{id}</Text>
            ))}
          </View>
        </View>
      )}
      {kind === 'split' && successors.length > 1 && (
        <View>
          <Text className='admin__label'>由哪些新对象延续评议记录（不选即全部延续）</Text>
          <View className='admin__chips'>
            {successors.map((id) => (
              <Text key={id} className={`admin__chip ${carries.includes(id) ? 'is-on' : ''}`} data-testid={`link-carries-${id}`}
                onClick={() => setCarries(carries.includes(id) ? carries.filter((c) => c !== id) : [...carries, id])}>{id}</Text>
            ))}
          </View>
        </View>
      )}
      <Text className='admin__label'>说明（选填，如文件依据）</Text>
      <Input className='admin__input' data-testid='link-note' value={note} maxlength={200} placeholder='例如：户政科更名为户籍管理科' onInput={(e) => setNote(e.detail.value)} />
      {problem && <Text className='admin__sub admin__error' data-testid='link-problem'>{problem}</Text>}
      <View className='admin__actions'>
        <Button size='small' type='primary' data-testid='link-submit' disabled={busy} onClick={() => void submit()}>记录关联</Button>
        <Button size='small' onClick={() => { setOpen(false); setProblem(undefined); }}>返回</Button>
      </View>
    </View>
  );
}
