import { useState } from 'react';
import { View, Text, Input, Textarea } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { CreateDrawRequest } from '@shared/api/panels';
import { commitmentOf } from '@shared/draw/draw';
import { Notice } from '../../../components/notice';
import { parseCommitments, parseStrata } from '../../lib/draw-input';

type Props = { busy: boolean; onCreate: (req: Omit<CreateDrawRequest, 'onePerHousehold' | 'excludeHouseholdsOfStaff'>) => void };

/**
 * Step 1 of a public draw: the quotas and each party's commitment are fixed (and published)
 * before anyone knows the seed. The calculator lets a party compute its commitment on its own
 * device; the value itself is typed at the reveal, never here.
 */
export function DrawCreate({ busy, onCreate }: Props) {
  const [f, setF] = useState({ id: '', label: '', n: '20', strata: '服务对象:55，两代表一委员:35，离退休老干部:10', area: '', commitments: '' });
  const [problems, setProblems] = useState<string[]>([]);
  const [secret, setSecret] = useState('');
  const go = () => {
    const s = parseStrata(f.strata);
    const c = parseCommitments(f.commitments);
    const n = Number(f.n);
    const found = [...s.problems, ...c.problems];
    if (!Number.isInteger(n) || n < 1) found.push('抽取人数须为正整数');
    if (c.commitments.length === 0) found.push('至少需要一方的承诺值');
    setProblems(found);
    if (found.length === 0) onCreate({ id: f.id.trim(), label: f.label.trim(), n, strata: s.strata, commitments: c.commitments, ...(f.area.trim() ? { area: f.area.trim() } : {}) });
  };
  const field = (key: keyof typeof f, title: string, testId: string) => (
    <View>
      <Text className='admin__label'>{title}</Text>
      <Input className='admin__input' value={f[key]} onInput={(e) => setF({ ...f, [key]: e.detail.value })} data-testid={testId} />
    </View>
  );
  return (
    <View data-testid='draw-create'>
      {field('id', '编号（字母数字）', 'draw-id')}
      {field('label', '名称', 'draw-label')}
      {field('n', '抽取人数', 'draw-n')}
      {field('strata', '各类别比例（类别名称:比例，逗号分隔）', 'draw-strata')}
      {field('area', '限定区域（选填）', 'draw-area')}
      <Text className='admin__label'>各方承诺值（每行一方：单位:承诺值）</Text>
      <Textarea className='admin__textarea' value={f.commitments} maxlength={2000} onInput={(e) => setF({ ...f, commitments: e.detail.value })} data-testid='draw-commitments' />
      {problems.length > 0 && <Notice tone='error'>{problems.join('；')}</Notice>}
      <Button type='primary' block loading={busy} disabled={busy} onClick={go} data-testid='draw-commit'>公布承诺并固定样本池</Button>
      <Text className='admin__label'>承诺值计算器（各方在自己的设备上使用，揭示前不要告诉任何人）</Text>
      <Input className='admin__input' value={secret} password onInput={(e) => setSecret(e.detail.value)} />
      {secret && <Text className='admin__link' userSelect>{commitmentOf(secret)}</Text>}
    </View>
  );
}
