import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { TASK_SOURCE_LABELS } from '@shared/rectification/task';
import { Notice } from '../../../components/notice';
import { CarePage } from '../../../components/care-page';
import { userMessage } from '../../../api/errors';
import { listTasks } from '../../../api/tasks';
import type { TaskView } from '../../../api/tasks';
import { requireStaff } from '../../lib/guard';
import { SubscribeButton } from '../../../components/subscribe-button';
import { subscribeAsStaff } from '../../../api/messages';
import { byUrgency, formatDate } from '../../lib/task-labels';
import './index.scss';

/** 整改台账: my unit's tasks, overdue first; tap one to work it. */
function TasksView() {
  const [session] = useState(() => requireStaff('/staff/pages/tasks/index'));
  const [tasks, setTasks] = useState<TaskView[]>();
  const [error, setError] = useState<string>();

  // Reload on every show: coming back from a task page must show its new status.
  useDidShow(() => {
    if (!session) return;
    listTasks().then((r) => setTasks([...r.tasks].sort(byUrgency)), (e) => setError(userMessage(e)));
  });

  if (!session) return <Notice>请先登录</Notice>;
  if (error) return <Notice tone='error'>{error}</Notice>;
  if (!tasks) return <Notice>正在加载…</Notice>;
  const late = tasks.filter((t) => t.overdue).length;
  return (
    <View className='tasks'>
      <Text className='tasks__title'>{`${session.unitId ? '本单位' : '全部'}整改任务 ${tasks.length} 项${late ? `，其中逾期 ${late} 项` : ''}`}</Text>
      {session.unitId && <SubscribeButton label='订阅整改期限提醒' subscribe={subscribeAsStaff} />}
      {tasks.length === 0 && <Notice tone='ok'>目前没有需要整改的任务</Notice>}
      {tasks.map((t) => (
        <View key={t.taskId} className={`tasks__item ${t.overdue ? 'is-late' : ''}`} data-testid={`task-${t.taskId}`}
          onClick={() => Taro.navigateTo({ url: `/staff/pages/task/index?id=${t.taskId}` })}>
          <View className='tasks__head'>
            <Text className='tasks__target'>{t.targetName}</Text>
            <Text className={`tasks__status tasks__status--${t.overdue ? 'late' : t.status}`} data-testid='task-status'>{t.displayStatus}</Text>
          </View>
          <Text className='tasks__problem'>{t.problem}</Text>
          <Text className='tasks__meta'>{`${TASK_SOURCE_LABELS[t.source]} · 期限 ${formatDate(t.dueDate)}`}</Text>
        </View>
      ))}
    </View>
  );
}

/** In the care-mode frame the citizen pages use: unit staff are often no younger than the citizens. */
export default function TasksPage() {
  return <CarePage><TasksView /></CarePage>;
}
