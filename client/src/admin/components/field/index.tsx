import { View, Text, Input } from '@tarojs/components';

/** A labelled one-line input in the admin forms' style (`.admin__label`, `.admin__input`). */
export function Field({ label, value, onInput, testId, placeholder }: { label: string; value: string; onInput: (v: string) => void; testId?: string; placeholder?: string }) {
  return (
    <View>
      <Text className='admin__label'>{label}</Text>
      <Input className='admin__input' value={value} placeholder={placeholder} data-testid={testId} onInput={(e) => onInput(e.detail.value)} />
    </View>
  );
}
