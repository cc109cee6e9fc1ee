import { View, Text } from '@tarojs/components';
import type { TaskView } from '../../../api/tasks';
import { formatTime } from '../../../lib/format';
import { EVENT_LABELS } from '../../lib/task-labels';
import './index.scss';

/** The task's append-only history and the supervisor's re-inspections, oldest first. */
export function TaskHistory({ task }: { task: TaskView }) {
  return (
    <View className='task-history' data-testid='task-history'>
      <Text className='task-history__title'>办理记录</Text>
      {task.history.map((e, i) => (
        <View key={i} className='task-history__row'>
          <Text className='task-history__time'>{formatTime(e.at)}</Text>
          <Text className='task-history__what'>{`${EVENT_LABELS[e.kind]}${e.note ? `：${e.note}` : ''}`}</Text>
        </View>
      ))}
      {task.reinspections.map((r, i) => (
        <View key={`r${i}`} className='task-history__row'>
          <Text className='task-history__time'>{formatTime(r.at)}</Text>
          <Text className='task-history__what'>{`复查${r.passed ? '通过' : '未通过'}：${r.findings}`}</Text>
        </View>
      ))}
    </View>
  );
}
