import { View, Text } from '@tarojs/components';
import { formRows } from '../../schemes/model/rows';
import { addOrgForm, removeForm, setOptionPoints } from '../../schemes/model/edits';
import { FORM_KEY_LABELS, ORG_FORM_KEYS } from '../../schemes/model/labels';
import { NumberBox } from '../parts/number-box';
import type { SectionProps } from './types';

/** 评价表: each form (the general one, one per organisation type, a channel's own), its items and option points. */
export function FormsSection({ body, change, readOnly }: SectionProps) {
  const forms = formRows(body);
  const missing = ORG_FORM_KEYS.filter((k) => !body.forms[k]);
  return (
    <View className='admin__card' data-testid='section-forms'>
      <Text className='admin__title'>评价表与选项分值</Text>
      <Text className='admin__sub'>不同类型的单位（如农村、机关、学校、社区）可以使用各自的评价表；单位类型在导入单位时填写。</Text>
      {forms.map((f) => (
        <View key={f.key} className='scheme__row' data-testid={`form-${f.key}`}>
          <Text className='scheme__section'>{`${f.label}：${f.title}`}</Text>
          <Text className='admin__sub'>{`适用于：${f.usedBy}`}</Text>
          {f.items.map((i) => (
            <View key={i.id}>
              <Text className='admin__label'>{`题目：${i.label}`}</Text>
              {i.options.map((o) => (
                <NumberBox key={o.value} label={`“${o.label}”得分`} value={o.points} suffix='分' disabled={readOnly} testId={`points-${f.key}-${i.id}-${o.value}`} onChange={(v) => change(setOptionPoints(body, f.key, i.id, o.value, v))} />
              ))}
            </View>
          ))}
          {!readOnly && (ORG_FORM_KEYS as readonly string[]).includes(f.key) && (
            <Text className='admin__link' onClick={() => change(removeForm(body, f.key))}>{`删除“${f.label}”评价表（这类单位改用通用评价表）`}</Text>
          )}
        </View>
      ))}
      {!readOnly && missing.length > 0 && (
        <View>
          <Text className='admin__label'>为一类单位单独设置评价表（先复制通用评价表）</Text>
          <View className='admin__chips'>
            {missing.map((k) => (
              <Text key={k} className='admin__chip' data-testid={`add-form-${k}`} onClick={() => change(addOrgForm(body, k, `${FORM_KEY_LABELS[k]}${body.forms.default?.title ?? '评价表'}`))}>{`+ ${FORM_KEY_LABELS[k]}`}</Text>
            ))}
          </View>
        </View>
      )}
    </View>
  );
}
