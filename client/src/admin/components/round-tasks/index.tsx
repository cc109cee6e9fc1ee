import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { BallotForm } from '@shared/model/form';
import type { RuleTasksResponse } from '@shared/api/rectification';
import { InputProblem } from '../../../api/errors';
import { getRound } from '../../../api/staff';
import { tasksFromBallots, tasksFromResults, tasksFromRules } from '../../../api/office';
import { Field } from '../field';

type Rule = { ruleId: string; label: string };
type Props = { roundId: string; published: boolean; rules: Rule[]; busy: boolean; act: (label: string, fn: () => Promise<unknown>) => Promise<void> };

const days = (text: string) => {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1 || n > 250) throw new InputProblem('整改期限应为 1–250 个工作日');
  return n;
};

/**
 * 整改任务 of a round: the ones its scheme's rules promise (publication opens them; run again to
 * add what is missing), one per bad answer to an item the office picks, or one per target a
 * chosen consequence rule fired on. Re-running never opens a task twice.
 */
export function RoundTasks({ roundId, published, rules, busy, act }: Props) {
  const [forms, setForms] = useState<BallotForm[]>([]);
  const [item, setItem] = useState<string>();
  const [values, setValues] = useState<string[]>([]);
  const [picked, setPicked] = useState<string[]>([]);
  const [deadline, setDeadline] = useState('15');
  const [outcome, setOutcome] = useState<string>();
  useEffect(() => {
    getRound(roundId).then((v) => setForms(Object.values(v.forms)), () => undefined);
  }, [roundId]);
  if (!published) return <Text className='admin__sub'>结果发布后才能生成整改任务</Text>;
  const items = new Map(forms.flatMap((f) => f.items.map((i) => [i.id, i] as const)));
  const chosen = item ? items.get(item) : undefined;
  const said = (n: { created: number; existing: number }) => setOutcome(`新建 ${n.created} 项，已有 ${n.existing} 项`);
  const fromRules = (r: RuleTasksResponse) => setOutcome(`新建 ${r.created} 项，已有 ${r.existing} 项${r.rules.length ? `（${r.rules.map((x) => `${x.label} ${x.tasks} 项`).join('，')}）` : '；方案没有要求整改的规则'}`);
  return (
    <View data-testid='round-tasks'>
      <Button size='small' type='primary' loading={busy} data-testid='tasks-from-rules' onClick={() => act('按方案规则生成整改任务', async () => fromRules(await tasksFromRules(roundId)))}>按方案规则生成</Button>
      <Field label='整改期限（工作日）' value={deadline} testId='tasks-deadline' onInput={setDeadline} />
      <Text className='admin__label'>按评价项：每张选了下列答案的评价票一项任务（已作废的除外）</Text>
      <View className='admin__chips'>
        {[...items.values()].map((i) => (
          <Text key={i.id} className={`admin__chip ${item === i.id ? 'is-on' : ''}`} data-testid={`tasks-item-${i.id}`} onClick={() => { setItem(i.id); setValues([]); }}>{i.label}</Text>
        ))}
      </View>
      {chosen && (
        <View className='admin__chips'>
          {chosen.options.map((o) => (
            <Text key={o.value} className={`admin__chip ${values.includes(o.value) ? 'is-on' : ''}`} data-testid={`tasks-value-${o.value}`} onClick={() => setValues(values.includes(o.value) ? values.filter((v) => v !== o.value) : [...values, o.value])}>{o.label}</Text>
          ))}
        </View>
      )}
      <Button size='small' loading={busy} disabled={!item || values.length === 0} data-testid='tasks-from-ballots'
        onClick={() => act('按评价生成整改任务', async () => said(await tasksFromBallots(roundId, { item: item!, values, deadlineWorkingDays: days(deadline) })))}>按评价生成</Button>
      {rules.length > 0 && (
        <View>
          <Text className='admin__label'>按处理措施：每个触发所选规则的评议对象一项任务</Text>
          <View className='admin__chips'>
            {rules.map((r) => (
              <Text key={r.ruleId} className={`admin__chip ${picked.includes(r.ruleId) ? 'is-on' : ''}`} data-testid={`tasks-rule-${r.ruleId}`} onClick={() => setPicked(picked.includes(r.ruleId) ? picked.filter((x) => x !== r.ruleId) : [...picked, r.ruleId])}>{r.label}</Text>
            ))}
          </View>
          <Button size='small' loading={busy} disabled={picked.length === 0} data-testid='tasks-from-results'
            onClick={() => act('按处理措施生成整改任务', async () => said(await tasksFromResults(roundId, { ruleIds: picked, deadlineWorkingDays: days(deadline) })))}>按处理措施生成</Button>
        </View>
      )}
      {outcome && <Text className='admin__sub' data-testid='tasks-outcome'>{outcome}</Text>}
      <Text className='admin__link' onClick={() => Taro.navigateTo({ url: '/staff/pages/tasks/index' })}>查看全部整改任务</Text>
    </View>
  );
}
