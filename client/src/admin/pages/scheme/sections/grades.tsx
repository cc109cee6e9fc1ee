import { View, Text, Input } from '@tarojs/components';
import { gradeView } from '../../schemes/model/rows';
import { setBandLabel, setBandMin, setOverrideKnob } from '../../schemes/model/edits';
import { addBand, removeBand } from '../../schemes/model/structure';
import { NumberBox } from '../parts/number-box';
import { AddRow } from '../parts/add-row';
import { confirmRemove } from '../parts/confirm';
import type { SectionProps } from './types';

/** 等次: the bands best first with their thresholds, and the overrides (甘泉: 回收率不足60% → 不满意). */
export function GradesSection({ body, change, readOnly }: SectionProps) {
  const g = gradeView(body);
  if (!g) return null;
  return (
    <View className='admin__card' data-testid='section-grades'>
      <Text className='admin__title'>等次</Text>
      <Text className='admin__sub'>{`按“${g.basisLabel}”评定等次，从高到低：`}</Text>
      {g.bands.map((b) => (
        <View key={b.id} data-testid={`band-${b.id}`}>
          {!readOnly && <Input className='admin__input' value={b.label} onInput={(e) => change(setBandLabel(body, b.id, e.detail.value))} data-testid={`band-label-${b.id}`} />}
          {b.min === undefined ? (
            <Text className='admin__label'>{`“${b.label}”：${b.shown}`}</Text>
          ) : (
            <NumberBox label={`“${b.label}”分数线（达到即可）`} value={b.min} percent={g.share} suffix='分' disabled={readOnly} testId={`band-min-${b.id}`} onChange={(v) => change(setBandMin(body, b.id, v))} />
          )}
          {!readOnly && g.bands.length > 1 && (
            <Text className='scheme__remove' data-testid={`remove-band-${b.id}`} onClick={() => void confirmRemove(`等次“${b.label}”`).then((ok) => ok && change(removeBand(body, b.id)))}>删除此等次</Text>
          )}
        </View>
      ))}
      {!readOnly && <AddRow placeholder='新等次名称，如：基本满意' button='+ 添加等次' testId='add-band' onAdd={(label) => change(addBand(body, label))} />}
      {g.overrides.map((o) => (
        <View key={o.index} className='scheme__row'>
          <Text className='admin__label'>{`特别规定：${o.text}`}</Text>
          {o.knobs.map((k) => (
            <NumberBox key={k.path.join('.')} label={k.label} value={k.value} percent={k.unit === 'percent'} suffix={k.unit === 'points' ? '分' : k.unit === 'places' ? '名' : '张'} disabled={readOnly} testId={`override-${o.index}-${k.path.join('-')}`} onChange={(v) => change(setOverrideKnob(body, o.index, k.path, v))} />
          ))}
        </View>
      ))}
    </View>
  );
}
