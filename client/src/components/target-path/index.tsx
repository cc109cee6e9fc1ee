import { View, Text } from '@tarojs/components';
import { NODE_KIND_LABELS } from '@shared/model/org';
import type { LandingTarget } from '@shared/api/tokens';
import './index.scss';

type Props = {
  /** Channel label, e.g. 窗口扫码评价. */
  channelLabel: string;
  target: LandingTarget;
  /** The window the QR hangs at, when it is below the rated target (section rounds). */
  windowName?: string;
};

/**
 * Says what is being rated before anything is asked: the unit, the section, the window,
 * each with its kind, the rated one highlighted.
 */
export function TargetPath({ channelLabel, target, windowName }: Props) {
  // The category (执法监督组 …) means nothing to a citizen at the counter; start at the unit.
  const path = target.path.filter((p) => p.kind !== 'category');
  const showWindow = windowName && !path.some((p) => p.kind === 'window');
  return (
    <View className='target-path' data-testid='target-path'>
      <Text className='target-path__channel'>{channelLabel}</Text>
      {path.map((p) => (
        <View key={p.id} className={`target-path__row ${p.id === target.id ? 'is-target' : ''}`}>
          <Text className='target-path__kind'>{NODE_KIND_LABELS[p.kind]}</Text>
          <Text className='target-path__name'>{p.name}</Text>
        </View>
      ))}
      {showWindow && (
        <View className='target-path__row'>
          <Text className='target-path__kind'>{NODE_KIND_LABELS.window}</Text>
          <Text className='target-path__name'>{windowName}</Text>
        </View>
      )}
    </View>
  );
}
