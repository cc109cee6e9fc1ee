import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { setCareMode, useCareMode } from '../../lib/care-mode';
import './index.scss';

type Props = { className?: string; children: ReactNode };

/**
 * The frame of every citizen page and unit staff page: carries `.is-care` for the care-mode sizes (styles/_care.scss)
 * and the visible 关怀模式 switch at the top, so anyone can make the text larger with one tap.
 */
export function CarePage({ className, children }: Props) {
  const care = useCareMode();
  return (
    <View className={`care-page ${care ? 'is-care' : ''} ${className ?? ''}`} data-care={care ? 'on' : 'off'}>
      <View className='care-page__bar'>
        <View
          className={`care-page__toggle ${care ? 'is-on' : ''}`}
          role='switch'
          aria-checked={care}
          data-testid='care-toggle'
          onClick={() => setCareMode(!care)}
        >
          <Text className='care-page__toggle-label'>关怀模式</Text>
          <View className='care-page__switch'><View className='care-page__knob' /></View>
          <Text className='care-page__toggle-state'>{care ? '开' : '关'}</Text>
        </View>
      </View>
      {children}
    </View>
  );
}
