import { useEffect, useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import { percentNumber, readNumber, readPercent } from '../../schemes/model/numbers';

type Props = { label: string; value: number | undefined; percent?: boolean; suffix?: string; testId?: string; disabled?: boolean; onChange: (v: number) => void };

/**
 * A labelled number box. With `percent` it shows and reads a share as a percentage (0.85 ⇄ 85);
 * what the clerk types stays in the box while it is not a number, with a note, and only a
 * number reaches the scheme.
 */
export function NumberBox({ label, value, percent, suffix, testId, disabled, onChange }: Props) {
  const show = (v: number | undefined) => (v === undefined ? '' : String(percent ? percentNumber(v) : v));
  const read = (t: string) => (percent ? readPercent(t) : readNumber(t));
  const [text, setText] = useState(show(value));
  useEffect(() => {
    if (read(text) !== value) setText(show(value));
  }, [value]);
  const bad = text.trim() !== '' && read(text) === undefined;
  return (
    <View className='scheme__num' data-testid={testId}>
      <Text className='scheme__num-label'>{label}</Text>
      <Input
        className='scheme__num-input'
        type='digit'
        value={text}
        disabled={disabled}
        onInput={(e) => {
          const t = e.detail.value;
          setText(t);
          const v = read(t);
          if (v !== undefined) onChange(v);
        }}
      />
      <Text className='scheme__num-suffix'>{percent ? '%' : (suffix ?? '')}</Text>
      {bad && <Text className='scheme__bad'>请输入数字</Text>}
    </View>
  );
}
