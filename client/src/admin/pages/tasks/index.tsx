import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { Notice } from '../../../components/notice';
import { InputProblem } from '../../../api/errors';
import { createTask, runTaskReminders } from '../../../api/office';
import { requireAdmin } from '../../lib/admin-guard';
import { Field } from '../../components/field';
import { useAdminAction } from '../../lib/use-admin-action';
import '../rounds/index.scss';

const SOURCES = { manual: '监督检查发现', inspection: '明察暗访发现' } as const;

/**
 * 整改任务 the office opens itself (a finding of an inspection, a complaint checked by the 纪委),
 * and the daily deadline reminder run by hand. Tasks from ballots and rules are on a round's
 * 处理措施清单; every task is followed on the task list.
 */
export default function OfficeTasksPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/tasks/index'));
  const [draft, setDraft] = useState({ targetId: '', roundId: '', source: 'manual' as keyof typeof SOURCES, sourceRef: '', problem: '', owner: '', days: '15' });
  const [done, setDone] = useState<string>();
  const { busy, message, act } = useAdminAction(async () => undefined);
  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;

  const create = () => act('新建整改任务', async () => {
    const days = Number(draft.days.trim());
    if (!Number.isInteger(days) || days < 1 || days > 250) throw new InputProblem('整改期限应为 1–250 个工作日');
    if (draft.problem.trim().length === 0) throw new InputProblem('请写明需要整改的问题');
    const t = await createTask({
      targetId: draft.targetId.trim(), source: draft.source, problem: draft.problem.trim(), deadlineWorkingDays: days,
      ...(draft.roundId.trim() ? { roundId: draft.roundId.trim() } : {}),
      ...(draft.sourceRef.trim() ? { sourceRef: draft.sourceRef.trim() } : {}),
      ...(draft.owner.trim() ? { owner: draft.owner.trim() } : {}),
    });
    setDone(t.taskId);
  });
  return (
    <View className='admin'>
      <View className='admin__nav'>
        <Text onClick={() => Taro.navigateTo({ url: '/staff/pages/tasks/index' })}>全部整改任务</Text>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/outbox/index' })}>消息记录</Text>
      </View>
      {message && <Notice tone={message.tone} testId='tasks-message'>{message.text}</Notice>}
      <View className='admin__card' data-testid='task-form'>
        <Text className='admin__title'>新建整改任务</Text>
        <View className='admin__chips'>
          {(Object.keys(SOURCES) as Array<keyof typeof SOURCES>).map((k) => (
            <Text key={k} className={`admin__chip ${draft.source === k ? 'is-on' : ''}`} onClick={() => setDraft({ ...draft, source: k })}>{SOURCES[k]}</Text>
          ))}
        </View>
        <Field label='整改单位（单位或科室编号）' value={draft.targetId} testId='task-target' onInput={(v) => setDraft({ ...draft, targetId: v })} />
        <Field label='所属评议轮次编号（可不填）' value={draft.roundId} onInput={(v) => setDraft({ ...draft, roundId: v })} />
        <Field label='来源文号或记录编号（可不填）' value={draft.sourceRef} onInput={(v) => setDraft({ ...draft, sourceRef: v })} />
        <Text className='admin__label'>问题</Text>
        <Textarea className='admin__textarea' value={draft.problem} maxlength={1000} onInput={(e) => setDraft({ ...draft, problem: e.detail.value })} data-testid='task-problem' />
        <Field label='责任人（可不填）' value={draft.owner} onInput={(v) => setDraft({ ...draft, owner: v })} />
        <Field label='整改期限（工作日）' value={draft.days} testId='task-days' onInput={(v) => setDraft({ ...draft, days: v })} />
        <Button type='primary' block loading={busy} data-testid='task-create' onClick={create}>新建</Button>
        {done && <Text className='admin__link' data-testid='task-created' onClick={() => Taro.navigateTo({ url: `/staff/pages/task/index?id=${done}` })}>查看新建的任务</Text>}
      </View>
      <View className='admin__card'>
        <Text className='admin__title'>到期提醒</Text>
        <Text className='admin__sub'>系统每天自动提醒逾期和即将到期的任务；需要时可立即再发一次（同一任务一天只提醒一次）。</Text>
        <Button block loading={busy} data-testid='task-reminders' onClick={() => act('发送到期提醒', async () => {
          const r = await runTaskReminders();
          setDone(undefined);
          Taro.showToast({ title: `已提醒 ${r.sent} 项，跳过 ${r.skipped} 项`, icon: 'none' });
        })}>立即提醒</Button>
      </View>
    </View>
  );
}
