import { View, Text } from '@tarojs/components';

type Props<T extends string> = { options: readonly T[]; labels: Record<T, string>; on: (x: T) => boolean; onTap: (x: T) => void; testId?: string; disabled?: boolean };

/** A row of tappable chips in the admin style; `on` says which are selected. */
export function Chips<T extends string>({ options, labels, on, onTap, testId, disabled }: Props<T>) {
  return (
    <View className='admin__chips' data-testid={testId}>
      {options.map((x) => (
        <Text key={x} data-testid={testId ? `${testId}-${x}` : undefined} className={`admin__chip ${on(x) ? 'is-on' : ''}`} onClick={() => !disabled && onTap(x)}>
          {labels[x]}
        </Text>
      ))}
    </View>
  );
}
