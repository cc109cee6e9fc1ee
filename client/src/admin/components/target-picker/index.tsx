import { useMemo, useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import type { OrgNode } from '@shared/model/org';

type Props = { nodes: OrgNode[]; picked: string[]; onChange: (ids: string[]) => void; testId?: string };

/**
 * Choosing the targets a round, hearing or task covers: search by name, tap to pick, and 全选 /
 * 清空 over what the search shows, so a county with 66 sections picks its eight in a few taps.
 */
export function TargetPicker({ nodes, picked, onChange, testId }: Props) {
  const [q, setQ] = useState('');
  const shown = useMemo(() => nodes.filter((n) => !q.trim() || n.name.includes(q.trim()) || n.id.includes(q.trim())), [nodes, q]);
  const on = new Set(picked);
  const toggle = (id: string) => onChange(on.has(id) ? picked.filter((x) => x !== id) : [...picked, id]);
  return (
    <View data-testid={testId}>
      <Input className='admin__input' value={q} placeholder='按名称搜索' onInput={(e) => setQ(e.detail.value)} data-testid={testId && `${testId}-search`} />
      <View className='admin__actions'>
        <Text className='admin__link' data-testid={testId && `${testId}-all`} onClick={() => onChange([...new Set([...picked, ...shown.map((n) => n.id)])])}>{`全选（${shown.length}）`}</Text>
        <Text className='admin__link' onClick={() => onChange(picked.filter((id) => !shown.some((n) => n.id === id)))}>清空</Text>
        <Text className='admin__sub'>{`已选 ${picked.length} 个`}</Text>
      </View>
      <View className='admin__chips'>
        {shown.map((n) => (
          <Text key={n.id} className={`admin__chip ${on.has(n.id) ? 'is-on' : ''}`} data-testid={testId && `${testId}-${n.id}`} onClick={() => toggle(n.id)}>{n.name}</Text>
        ))}
      </View>
    </View>
  );
}
