import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { TASK_SOURCE_LABELS } from '@shared/rectification/task';
import { Notice } from '../../../components/notice';
import { CarePage } from '../../../components/care-page';
import { userMessage } from '../../../api/errors';
import { getTask, noticeTask, reinspectTask, startTask, submitTask } from '../../../api/tasks';
import type { TaskView } from '../../../api/tasks';
import { requireStaff } from '../../lib/guard';
import { PickError, pickEvidence } from '../../lib/evidence-file';
import { uploadEvidence } from '../../lib/evidence-upload';
import { formatDate } from '../../lib/task-labels';
import { TaskStart } from '../../components/task-start';
import { TaskEvidence } from '../../components/task-evidence';
import { TaskHistory } from '../../components/task-history';
import { TaskReview, type ReviewAction } from '../../components/task-review';
import './index.scss';

/** One task: the problem, what is being done, the deadline; start, attach proof, submit. */
function TaskScreen() {
  const id = useRouter().params.id ?? '';
  const [session] = useState(() => requireStaff(`/staff/pages/task/index?id=${id}`));
  const [task, setTask] = useState<TaskView>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (session) getTask(id).then(setTask, (e) => setError(userMessage(e)));
  }, [session, id]);

  /** Runs one action; `success` is said once (none when the status notice below already says it). */
  const act = async (action: () => Promise<TaskView | undefined>, success?: string) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const next = await action();
      if (next) {
        setTask(next);
        if (success) setDone(success);
      }
    } catch (e) {
      setError(e instanceof PickError ? e.message : userMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const upload = () => act(async () => {
    const file = await pickEvidence();
    return file ? uploadEvidence(id, file) : undefined;
  }, '材料已上传');

  const review = (a: ReviewAction) => act(
    () => (a.kind === 'reinspection' ? reinspectTask(id, { passed: a.passed, findings: a.findings }) : noticeTask(id, a.kind, a.note)),
    a.kind === 'reinspection' ? (a.passed ? undefined : '复查不合格，已退回单位继续整改') : a.kind === 'refused' ? '已记录拒不整改' : '已二次督办',
  );
  // Unit staff work the task; the supervising office (whose sessions carry no unit) reviews it.
  const supervising = session?.role === 'supervisor' || session?.role === 'admin';

  if (!session) return <Notice>请先登录</Notice>;
  if (!task) return error ? <Notice tone='error'>{error}</Notice> : <Notice>正在加载…</Notice>;
  const working = task.status === 'open' || task.status === 'in_progress';
  return (
    <View className='task'>
      <View className={`task__card ${task.overdue ? 'is-late' : ''}`}>
        <View className='task__head'>
          <Text className='task__target'>{task.targetName}</Text>
          <Text className='task__status' data-testid='task-status'>{task.displayStatus}</Text>
        </View>
        <Text className='task__problem' data-testid='task-problem'>{task.problem}</Text>
        <Text className='task__meta'>{`来源：${TASK_SOURCE_LABELS[task.source]}${task.sourceRef ? `（${task.sourceRef}）` : ''}`}</Text>
        <Text className='task__meta'>{`整改期限：${formatDate(task.dueDate)}（${task.deadlineWorkingDays} 个工作日）`}</Text>
        {task.overdue && <Text className='task__late'>已超过整改期限，请尽快完成</Text>}
        {task.deduction.points > 0 && <Text className='task__late'>{`按规定扣 ${task.deduction.points} 分`}</Text>}
        {task.measures && <Text className='task__meta'>{`整改措施：${task.measures}`}</Text>}
        {task.owner && <Text className='task__meta'>{`责任人：${task.owner}`}</Text>}
      </View>
      {error && <Notice tone='error'>{error}</Notice>}
      {done && <Notice tone='ok' testId='task-done'>{done}</Notice>}
      {task.status === 'open' && !supervising && (
        <View className='task__card'>
          <TaskStart busy={busy} onStart={(req) => act(() => startTask(id, req), '已开始整改，完成后请上传材料并提交')} />
        </View>
      )}
      <View className='task__card'>
        <TaskEvidence task={task} onError={setError} />
        {working && !supervising && (
          <View className='task__actions'>
            <Button size='xlarge' block loading={busy} disabled={busy} onClick={upload} data-testid='evidence-upload'>上传整改材料（照片或 PDF）</Button>
          </View>
        )}
      </View>
      {task.status === 'in_progress' && !supervising && (
        <View className='task__actions'>
          {task.evidence.length === 0 && <Text className='task__hint'>上传至少一份材料后才能提交验收</Text>}
          <Button type='primary' size='xlarge' block loading={busy} disabled={busy || task.evidence.length === 0}
            onClick={() => act(() => submitTask(id))} data-testid='task-submit'>提交验收</Button>
        </View>
      )}
      {task.status === 'submitted' && !supervising && <Notice>已提交，等待主管部门复查验收</Notice>}
      {supervising && <View className='task__card'><TaskReview task={task} busy={busy} onAct={review} /></View>}
      {task.status === 'closed' && <Notice tone='ok'>复查通过，本任务已销号</Notice>}
      <View className='task__card'><TaskHistory task={task} /></View>
    </View>
  );
}

/** In the care-mode frame the citizen pages use: unit staff are often no younger than the citizens. */
export default function TaskPage() {
  return <CarePage><TaskScreen /></CarePage>;
}
