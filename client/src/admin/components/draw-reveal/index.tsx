import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { DrawSummary } from '@shared/api/panels';
import type { Reveal } from '@shared/draw/draw';

type Props = { draw: DrawSummary; busy: boolean; onReveal: (reveals: Reveal[]) => void };

/** Step 2, in public: each party types its value; the server checks it against the commitment. */
export function DrawReveal({ draw, busy, onReveal }: Props) {
  const [values, setValues] = useState<Record<string, string>>({});
  const complete = draw.commitments.every((c) => (values[c.party] ?? '').length > 0);
  return (
    <View data-testid={`draw-reveal-${draw.drawId}`}>
      {draw.commitments.map((c) => (
        <View key={c.party}>
          <Text className='admin__label'>{`${c.party} 揭示的数值`}</Text>
          <Input className='admin__input' value={values[c.party] ?? ''} onInput={(e) => setValues({ ...values, [c.party]: e.detail.value })} data-testid={`reveal-${c.party}`} />
        </View>
      ))}
      <Button type='primary' block loading={busy} disabled={busy || !complete} data-testid='draw-run'
        onClick={() => onReveal(draw.commitments.map((c) => ({ party: c.party, value: values[c.party]! })))}>揭示并抽取</Button>
    </View>
  );
}
