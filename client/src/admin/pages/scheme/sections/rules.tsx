import { View, Text, Input } from '@tarojs/components';
import { ACTION_KINDS, ACTION_ORDER } from '@shared/scoring/action-kinds';
import { ruleRows } from '../../schemes/model/rows';
import { setRuleHistory, setRuleKnob, setRuleWords, toggleRuleAction } from '../../schemes/model/edits';
import { HISTORY_UNIT_LABELS } from '../../schemes/model/labels';
import { NumberBox } from '../parts/number-box';
import { addRule, removeRule, RULE_TEMPLATES, type RuleTemplate } from '../../schemes/model/structure';
import { Chips } from '../parts/chips';
import { confirmRemove } from '../parts/confirm';
import type { SectionProps } from './types';

const TEMPLATE_LABELS = Object.fromEntries(Object.entries(RULE_TEMPLATES).map(([k, t]) => [k, `+ ${t.label}`])) as Record<RuleTemplate, string>;

const PERIOD_KINDS = { now: '本轮即处理', consecutive: '连续', count: '累计' } as const;

/** 处理规则: what triggers each consequence, over which period (轮/季度/年), and the kinds of action. */
export function RulesSection({ body, change, readOnly }: SectionProps) {
  const rows = ruleRows(body);
  return (
    <View className='admin__card' data-testid='section-rules'>
      <Text className='admin__title'>处理规则</Text>
      {rows.map((r) => {
        const h = body.rules?.find((x) => x.id === r.id)?.history;
        const unit = h?.unit ?? 'round';
        const n = h ? (h.kind === 'consecutive' ? h.rounds : h.atLeast) : 2;
        const setPeriod = (kind: keyof typeof PERIOD_KINDS, count = n, u = unit) =>
          change(setRuleHistory(body, r.id, kind === 'now' ? undefined : kind === 'consecutive' ? { kind, rounds: count, unit: u } : { kind, atLeast: count, unit: u }));
        return (
          <View key={r.id} className='scheme__row' data-testid={`rule-${r.id}`}>
            <Input className='admin__input' value={r.label} disabled={readOnly} onInput={(e) => change(setRuleWords(body, r.id, { label: e.detail.value }))} />
            <Text className='admin__sub' data-testid={`rule-when-${r.id}`}>{`条件：${r.when}（${r.groups}）`}</Text>
            {r.knobs.map((k) => (
              <NumberBox key={k.path.join('.')} label={k.label} value={k.value} percent={k.unit === 'percent'} suffix={k.unit === 'points' ? '分' : k.unit === 'places' ? '名' : '张'} disabled={readOnly} testId={`knob-${r.id}-${k.path.join('-')}`} onChange={(v) => change(setRuleKnob(body, r.id, k.path, v))} />
            ))}
            <Text className='admin__label'>{`期间：${r.history}`}</Text>
            <Chips options={['now', 'consecutive', 'count'] as const} labels={PERIOD_KINDS} on={(x) => (h ? h.kind === x : x === 'now')} onTap={(x) => setPeriod(x)} disabled={readOnly} testId={`period-${r.id}`} />
            {h && (
              <View>
                <NumberBox label={h.kind === 'consecutive' ? '连续几次' : '累计几次'} value={n} disabled={readOnly} onChange={(v) => setPeriod(h.kind, Math.max(1, Math.round(v)))} />
                <Chips options={['round', 'quarter', 'year'] as const} labels={HISTORY_UNIT_LABELS} on={(x) => unit === x} onTap={(x) => setPeriod(h.kind, n, x)} disabled={readOnly} testId={`unit-${r.id}`} />
              </View>
            )}
            <Text className='admin__label'>处理方式</Text>
            <Chips options={ACTION_ORDER} labels={ACTION_KINDS} on={(x) => r.actions.includes(x)} onTap={(x) => change(toggleRuleAction(body, r.id, x))} disabled={readOnly} testId={`actions-${r.id}`} />
            <Text className='admin__label'>公布的处理意见</Text>
            <Input className='admin__input' value={r.text} disabled={readOnly} onInput={(e) => change(setRuleWords(body, r.id, { text: e.detail.value }))} />
            {!readOnly && (
              <Text className='scheme__remove' data-testid={`remove-rule-${r.id}`} onClick={() => void confirmRemove(`规则“${r.label}”`).then((ok) => ok && change(removeRule(body, r.id)))}>删除此规则</Text>
            )}
          </View>
        );
      })}
      {!readOnly && (
        <View>
          <Text className='admin__label'>添加规则（添加后可改名称、数值、期间和处理方式）</Text>
          <Chips options={Object.keys(RULE_TEMPLATES) as RuleTemplate[]} labels={TEMPLATE_LABELS} on={() => false} onTap={(t) => change(addRule(body, t).body)} testId='add-rule' />
        </View>
      )}
    </View>
  );
}
