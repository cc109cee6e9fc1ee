import { View, Text, Input } from '@tarojs/components';
import { formRows } from '../../schemes/model/rows';
import { addOrgForm, removeForm, setItemLabel, setOptionPoints } from '../../schemes/model/edits';
import { addItem, addOption, removeItem, removeOption, setOptionLabel } from '../../schemes/model/structure';
import { FORM_KEY_LABELS, ORG_FORM_KEYS } from '../../schemes/model/labels';
import { NumberBox } from '../parts/number-box';
import { AddRow } from '../parts/add-row';
import { confirmRemove } from '../parts/confirm';
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
            <View key={i.id} data-testid={`item-${f.key}-${i.id}`}>
              {readOnly ? (
                <Text className='admin__label'>{`题目：${i.label}`}</Text>
              ) : (
                <Input className='admin__input' value={i.label} onInput={(e) => change(setItemLabel(body, f.key, i.id, e.detail.value))} data-testid={`item-label-${f.key}-${i.id}`} />
              )}
              {i.options.map((o) => (
                <View key={o.value}>
                  {!readOnly && <Input className='admin__input' value={o.label} onInput={(e) => change(setOptionLabel(body, f.key, i.id, o.value, e.detail.value))} data-testid={`option-label-${f.key}-${i.id}-${o.value}`} />}
                  <NumberBox label={`“${o.label}”得分`} value={o.points} suffix='分' disabled={readOnly} testId={`points-${f.key}-${i.id}-${o.value}`} onChange={(v) => change(setOptionPoints(body, f.key, i.id, o.value, v))} />
                  {!readOnly && i.options.length > 1 && (
                    <Text className='scheme__remove' data-testid={`remove-option-${f.key}-${i.id}-${o.value}`} onClick={() => void confirmRemove(`选项“${o.label}”`).then((ok) => ok && change(removeOption(body, f.key, i.id, o.value)))}>删除此选项</Text>
                  )}
                </View>
              ))}
              {!readOnly && i.options.length < 10 && <AddRow placeholder='新选项，如：基本满意' button='+ 添加选项' testId={`add-option-${f.key}-${i.id}`} onAdd={(label) => change(addOption(body, f.key, i.id, label))} />}
              {!readOnly && (
                <Text className='scheme__remove' data-testid={`remove-item-${f.key}-${i.id}`} onClick={() => void confirmRemove(`题目“${i.label}”（${f.label}）`).then((ok) => ok && change(removeItem(body, f.key, i.id)))}>删除此题目</Text>
              )}
            </View>
          ))}
          {!readOnly && <AddRow placeholder='新题目，如：办事效率' button='+ 添加题目' testId={`add-item-${f.key}`} onAdd={(label) => change(addItem(body, f.key, label))} />}
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
