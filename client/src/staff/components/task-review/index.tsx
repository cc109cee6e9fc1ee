import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import TextArea from '@nutui/nutui-react-taro/dist/es/packages/textarea/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css';
import type { TaskView } from '../../../api/tasks';
import { Notice } from '../../../components/notice';
import './index.scss';

export type ReviewAction =
  | { kind: 'reinspection'; passed: boolean; findings: string }
  | { kind: 'second-notice' | 'refused'; note: string };

type Props = { task: TaskView; busy: boolean; onAct: (action: ReviewAction) => void };

/**
 * The supervising office's part of a task: 复查验收 of a submitted task (passed → 销号, failed →
 * back to the unit), and the escalations the deduction rules read (二次督办 −5 if still short,
 * 拒不整改 −10). One note box serves all three: each action must say what was found or why.
 */
export function TaskReview({ task, busy, onAct }: Props) {
  const [note, setNote] = useState('');
  const [hint, setHint] = useState<string>();
  const withNote = (make: (text: string) => ReviewAction) => () => {
    const text = note.trim();
    if (!text) return setHint('请填写复查情况或督办意见');
    setHint(undefined);
    onAct(make(text));
  };
  if (task.status === 'closed') return null;
  return (
    <View className='task-review' data-testid='task-review'>
      <Text className='task-review__label'>主管部门：复查与督办</Text>
      <TextArea className='task-review__area' value={note} maxLength={500} rows={3} placeholder='复查发现、督办意见或拒不整改的情况'
        onChange={(v: string) => setNote(v)} data-testid='review-note' />
      {hint && <Notice tone='error'>{hint}</Notice>}
      <View className='task-review__actions'>
        {task.status === 'submitted' && (
          <>
            <Button type='primary' size='small' loading={busy} disabled={busy} data-testid='reinspect-pass'
              onClick={withNote((findings) => ({ kind: 'reinspection', passed: true, findings }))}>复查通过，销号</Button>
            <Button type='warning' size='small' loading={busy} disabled={busy} data-testid='reinspect-fail'
              onClick={withNote((findings) => ({ kind: 'reinspection', passed: false, findings }))}>复查不合格，退回</Button>
          </>
        )}
        <Button size='small' disabled={busy} data-testid='second-notice' onClick={withNote((n) => ({ kind: 'second-notice', note: n }))}>二次督办</Button>
        <Button type='danger' size='small' disabled={busy} data-testid='refused' onClick={withNote((n) => ({ kind: 'refused', note: n }))}>记录拒不整改</Button>
      </View>
    </View>
  );
}
