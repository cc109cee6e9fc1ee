import { View, Text } from '@tarojs/components';
import type { FormItem, FormOption } from '@shared/model/form';
import { BoxIcon, FaceIcon, StarIcon } from '../icon';
import './index.scss';

type Props = {
  item: FormItem;
  index: number;
  value: string | string[] | undefined;
  onChange: (value: string | string[] | undefined) => void;
  invalid?: boolean;
};

/** Faces and stars are chosen by the scheme's `icon` hint (face-N / star-N); plain buttons otherwise. */
function iconKind(options: FormOption[]): 'face' | 'star' | 'plain' {
  if (options.every((o) => o.icon?.startsWith('face'))) return 'face';
  if (options.every((o) => o.icon?.startsWith('star'))) return 'star';
  return 'plain';
}

function level(o: FormOption): number {
  return Number(/(\d+)$/.exec(o.icon ?? '')?.[1] ?? 0);
}

/**
 * One question of the ballot. Single items are one tap (tap again to clear an optional one);
 * multi items (冷 懒 推 乱 贪) toggle independently. Faces and problems are one full-width row
 * each, so a label (非常满意, 冷：态度冷漠…) never breaks inside a word or into a narrow column;
 * every option is a tap target of at least 44 px (60 px in care mode, styles/_care.scss).
 */
export function ChoiceItem({ item, index, value, onChange, invalid }: Props) {
  const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
  const pick = (v: string) => {
    if (item.kind === 'multi') {
      const next = chosen.has(v) ? [...chosen].filter((x) => x !== v) : [...chosen, v];
      // Keep the scheme's order so the same choice always sends the same list.
      onChange(item.options.map((o) => o.value).filter((x) => next.includes(x)));
    } else onChange(chosen.has(v) && !item.required ? undefined : v);
  };
  const kind = item.kind === 'single' ? iconKind(item.options) : 'plain';
  const selected = item.options.find((o) => chosen.has(o.value));

  return (
    <View className={`choice ${invalid ? 'choice--invalid' : ''}`} data-testid={`item-${item.id}`}>
      <View className='choice__label'>
        <Text>{`${index + 1}. ${item.label}`}</Text>
        {item.required && <Text className='choice__required'>（必填）</Text>}
        {item.kind === 'multi' && <Text className='choice__hint'>（可多选，没有可不选）</Text>}
      </View>
      {item.hint && <Text className='choice__hint choice__hint--block'>{item.hint}</Text>}

      {kind === 'star' ? (
        <View className='choice__stars'>
          {[...item.options].sort((a, b) => level(a) - level(b)).map((o) => (
            <View
              key={o.value}
              className={`choice__star ${selected && level(o) <= level(selected) ? 'is-on' : ''}`}
              onClick={() => pick(o.value)}
              aria-label={o.label}
              data-testid={`option-${item.id}-${o.value}`}
            >
              <StarIcon className='choice__star-icon' filled={!!selected && level(o) <= level(selected)} />
            </View>
          ))}
          <Text className='choice__star-label'>{selected?.label ?? '请点星星评分'}</Text>
        </View>
      ) : (
        <View className={`choice__options choice__options--${kind} choice__options--n${Math.min(item.options.length, 5)}`}>
          {item.options.map((o) => (
            <View
              key={o.value}
              className={`choice__option ${chosen.has(o.value) ? 'is-on' : ''} ${item.kind === 'multi' ? 'is-box' : ''}`}
              role={item.kind === 'multi' ? 'checkbox' : 'radio'}
              aria-checked={chosen.has(o.value)}
              onClick={() => pick(o.value)}
              data-testid={`option-${item.id}-${o.value}`}
            >
              {kind === 'face' && <FaceIcon className='choice__face' level={level(o)} />}
              {item.kind === 'multi' && <BoxIcon className='choice__box' checked={chosen.has(o.value)} />}
              <Text className='choice__text'>{o.label}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
