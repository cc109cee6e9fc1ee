import { View, Text } from '@tarojs/components';
import type { FormItem, FormOption } from '@shared/model/form';
import './index.scss';

type Props = {
  item: FormItem;
  index: number;
  value: string | string[] | undefined;
  onChange: (value: string | string[] | undefined) => void;
  invalid?: boolean;
};

const FACES: Record<string, string> = { '1': '😣', '2': '🙁', '3': '😐', '4': '🙂', '5': '😄' };

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
 * multi items (冷 懒 推 乱 贪) toggle independently. Every option is at least 96px high so it
 * is easy to hit for older people and at large system font sizes.
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
              <Text>★</Text>
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
              onClick={() => pick(o.value)}
              data-testid={`option-${item.id}-${o.value}`}
            >
              {kind === 'face' && <Text className='choice__face'>{FACES[String(level(o))] ?? '🙂'}</Text>}
              {item.kind === 'multi' && <Text className='choice__box'>{chosen.has(o.value) ? '☑' : '☐'}</Text>}
              <Text className='choice__text'>{o.label}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
