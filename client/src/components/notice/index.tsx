import { View, Text } from '@tarojs/components';
import './index.scss';

type Props = { tone?: 'error' | 'info' | 'ok'; children: string; testId?: string };

/** A full-width sentence for errors and states; large enough to read without glasses. */
export function Notice({ tone = 'info', children, testId }: Props) {
  return (
    <View className={`notice notice--${tone}`} data-testid={testId ?? `notice-${tone}`}>
      <Text>{children}</Text>
    </View>
  );
}
