import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';

type Props = { placeholder: string; button: string; testId: string; onAdd: (label: string) => void };

/** A name box and an add button: adds an entry under the name typed (nothing when it is empty). */
export function AddRow({ placeholder, button, testId, onAdd }: Props) {
  const [label, setLabel] = useState('');
  const name = label.trim();
  return (
    <View className='scheme__add' data-testid={testId}>
      <Input className='admin__input' placeholder={placeholder} value={label} onInput={(e) => setLabel(e.detail.value)} />
      <Text
        className={`admin__chip ${name ? '' : 'is-off'}`}
        data-testid={`${testId}-submit`}
        onClick={() => {
          if (!name) return;
          onAdd(name.slice(0, 40));
          setLabel('');
        }}
      >
        {button}
      </Text>
    </View>
  );
}
