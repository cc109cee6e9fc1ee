import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import TextArea from '@nutui/nutui-react-taro/dist/es/packages/textarea/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css';
import { Notice } from '../../../components/notice';
import './index.scss';

type Props = { busy: boolean; onStart: (req: { measures: string; owner: string }) => void };

/** Accepting a task: what will be done about it and who answers for it. */
export function TaskStart({ busy, onStart }: Props) {
  const [measures, setMeasures] = useState('');
  const [owner, setOwner] = useState('');
  const [hint, setHint] = useState<string>();
  const go = () => {
    if (!measures.trim()) return setHint('请填写整改措施');
    if (!owner.trim()) return setHint('请填写整改责任人');
    setHint(undefined);
    onStart({ measures: measures.trim(), owner: owner.trim() });
  };
  return (
    <View className='task-start'>
      <Text className='task-start__label'>整改措施</Text>
      <TextArea className='task-start__area' value={measures} maxLength={2000} rows={4} placeholder='写明针对问题采取的具体措施'
        onChange={(v: string) => setMeasures(v)} data-testid='task-measures' />
      <Text className='task-start__label'>整改责任人</Text>
      <Input className='task-start__input' value={owner} maxlength={60} placeholder='姓名和职务' onInput={(e) => setOwner(e.detail.value)} data-testid='task-owner' />
      {hint && <Notice tone='error'>{hint}</Notice>}
      <View className='task-start__submit'>
        <Button type='primary' size='xlarge' block loading={busy} onClick={go} data-testid='task-start'>开始整改</Button>
      </View>
    </View>
  );
}
