import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CHANNEL_KINDS, CHANNEL_LABELS } from '@shared/model/channel';
import { componentRows, type ComponentRow } from '../../schemes/model/rows';
import { setInputRange, setWeight, toEntered, toggleChannel } from '../../schemes/model/edits';
import { addEnteredPart, removeComponent, usesOf } from '../../schemes/model/structure';
import { NumberBox } from '../parts/number-box';
import { Chips } from '../parts/chips';
import { AddRow } from '../parts/add-row';
import { confirmRemove } from '../parts/confirm';
import type { SectionProps } from './types';

/**
 * 评分项: where each part's value comes from (ballots on which channels, or a number an office
 * enters), and the weights of the sums, shown in % and checked to add up to 100%.
 */
export function ComponentsSection({ body, change, readOnly }: SectionProps) {
  const rows = componentRows(body);
  const entered = async (c: ComponentRow) => {
    const ok = await Taro.showModal({ title: '改为录入分数', content: `“${c.label}”将不再按评议票统计，改由主管部门直接录入分数（0–100分），权重不变。`, confirmText: '改为录入', cancelText: '取消' });
    if (ok.confirm) change(toEntered(body, c.id, 0, 100));
  };
  const remove = async (c: ComponentRow) => {
    if (await confirmRemove(`评分项“${c.label}”`, usesOf(body, c.id))) change(removeComponent(body, c.id));
  };
  return (
    <View className='admin__card' data-testid='section-components'>
      <Text className='admin__title'>评分项与权重</Text>
      {rows.map((c) => (
        <View key={c.id} className='scheme__row' data-testid={`component-${c.id}`}>
          <Text className='scheme__section'>{c.label}</Text>
          <Text className='admin__sub'>{`${c.sourceLabel} · ${c.kindLabel}${c.reads ? ` · ${c.reads}` : ''}`}</Text>
          {c.source === 'ballots' && (
            <View>
              <Text className='admin__label'>哪些评价方式的票计入本项</Text>
              <Chips options={CHANNEL_KINDS} labels={CHANNEL_LABELS} on={(ch) => c.channels.includes(ch)} onTap={(ch) => change(toggleChannel(body, c.id, ch))} disabled={readOnly} testId={`channels-${c.id}`} />
              {!readOnly && <Text className='admin__link' data-testid={`to-entered-${c.id}`} onClick={() => void entered(c)}>改为录入分数（如统计局提供的测评得分）</Text>}
            </View>
          )}
          {c.range && (
            <View>
              <NumberBox label='最低分' value={c.range.min} suffix='分' disabled={readOnly} testId={`min-${c.id}`} onChange={(v) => change(setInputRange(body, c.id, v, c.range!.max))} />
              <NumberBox label='最高分' value={c.range.max} suffix='分' disabled={readOnly} testId={`max-${c.id}`} onChange={(v) => change(setInputRange(body, c.id, c.range!.min, v))} />
              {c.groups && <Text className='admin__sub'>{`只适用于：${c.groups}`}</Text>}
            </View>
          )}
          {c.weights.map((t) => (
            <View key={t.group ?? '-'} data-testid={`weights-${c.id}-${t.group ?? 'all'}`}>
              <Text className='admin__label'>{`权重（${t.title}）`}</Text>
              {t.rows.map((w) => (
                <NumberBox key={w.component} label={w.label} value={w.weight} percent={t.shares} suffix={t.shares ? undefined : '倍'} disabled={readOnly} testId={`weight-${c.id}-${t.group ?? 'all'}-${w.component}`} onChange={(v) => change(setWeight(body, c.id, t.group, w.component, v))} />
              ))}
              {t.sum !== undefined && (
                <Text className={`scheme__sum ${t.sumOk ? '' : 'is-bad'}`} data-testid={`weight-sum-${c.id}-${t.group ?? 'all'}`}>{t.sumOk ? `合计 ${t.sum}` : `合计 ${t.sum}，应为 100%`}</Text>
              )}
            </View>
          ))}
          {!readOnly && c.kind === 'weighted' && (
            <View>
              <Text className='admin__label'>{`给“${c.label}”添加一个录入分数的组成部分（权重先为0，请随后填写并使合计为100%；分组单独设置的权重不变）`}</Text>
              <AddRow placeholder='新评分项名称，如：营商环境评价' button='+ 添加评分项' testId={`add-part-${c.id}`} onAdd={(label) => change(addEnteredPart(body, c.id, label).body)} />
            </View>
          )}
          {!readOnly && c.id !== body.total && (
            <Text className='scheme__remove' data-testid={`remove-component-${c.id}`} onClick={() => void remove(c)}>删除此评分项</Text>
          )}
        </View>
      ))}
    </View>
  );
}
