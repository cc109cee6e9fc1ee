import { View, Text, Input } from '@tarojs/components';
import { setGroupLabel, setRanking } from '../../schemes/model/edits';
import { DIRECTION_LABELS, HIGHER_IS_LABELS, ROUNDING_LABELS, TIE_LABELS } from '../../schemes/model/labels';
import { addRankingGroup, removeRankingGroup } from '../../schemes/model/structure';
import { Chips } from '../parts/chips';
import { AddRow } from '../parts/add-row';
import { confirmRemove } from '../parts/confirm';
import type { SectionProps } from './types';

/** 排名: the groups ranked apart, what rank 1 means, and the quota rules (rounding, ties at a cut). */
export function RankingSection({ body, change, readOnly }: SectionProps) {
  const r = body.ranking;
  return (
    <View className='admin__card' data-testid='section-ranking'>
      <Text className='admin__title'>排名与名额</Text>
      <Text className='admin__label'>分组（各组分别排名，名额按组计算）</Text>
      {(body.groups ?? []).length === 0 && <Text className='admin__sub'>不分组，全部单位一起排名</Text>}
      {(body.groups ?? []).map((g) => (
        <View key={g.id} className='scheme__add' data-testid={`group-${g.id}`}>
          <Input className='admin__input' value={g.label} disabled={readOnly} onInput={(e) => change(setGroupLabel(body, g.id, e.detail.value))} />
          {!readOnly && (
            <Text className='scheme__remove' data-testid={`remove-group-${g.id}`} onClick={() => void confirmRemove(`分组“${g.label}”（及其单独设置的权重）`).then((ok) => ok && change(removeRankingGroup(body, g.id)))}>删除</Text>
          )}
        </View>
      ))}
      {!readOnly && <AddRow placeholder='新分组名称，如：社会服务组' button='+ 添加分组' testId='add-group' onAdd={(label) => change(addRankingGroup(body, label))} />}
      {r ? (
        <View>
          <Text className='admin__label'>排名方向</Text>
          <Chips options={['best-first', 'worst-first'] as const} labels={DIRECTION_LABELS} on={(x) => r.direction === x} onTap={(x) => change(setRanking(body, { direction: x }))} disabled={readOnly} testId='ranking-direction' />
          <Chips options={['better', 'worse'] as const} labels={HIGHER_IS_LABELS} on={(x) => r.higherIs === x} onTap={(x) => change(setRanking(body, { higherIs: x }))} disabled={readOnly} testId='ranking-higher' />
          <Text className='admin__label'>按比例计算名额时（如前40%）</Text>
          <Chips options={['floor', 'round', 'ceil'] as const} labels={ROUNDING_LABELS} on={(x) => (r.quota?.rounding ?? 'floor') === x} onTap={(x) => change(setRanking(body, { rounding: x }))} disabled={readOnly} testId='ranking-rounding' />
          <Text className='admin__label'>评先评优名额（如前6名）处有并列时</Text>
          <Chips options={['exclude', 'include'] as const} labels={TIE_LABELS} on={(x) => (r.quota?.ties?.best ?? 'exclude') === x} onTap={(x) => change(setRanking(body, { tiesBest: x }))} disabled={readOnly} testId='ranking-ties-best' />
          <Text className='admin__label'>末位、后几名处有并列时</Text>
          <Chips options={['include', 'exclude'] as const} labels={TIE_LABELS} on={(x) => (r.quota?.ties?.worst ?? 'include') === x} onTap={(x) => change(setRanking(body, { tiesWorst: x }))} disabled={readOnly} testId='ranking-ties-worst' />
        </View>
      ) : (
        <Text className='admin__sub'>本方案不排名次</Text>
      )}
    </View>
  );
}
