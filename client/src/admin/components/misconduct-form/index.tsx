import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { OrgNode } from '@shared/model/org';

type Props = { targets: OrgNode[]; busy: boolean; onRecord: (req: { targetId: string; reason: string; reference?: string }) => void };

/**
 * A verified misconduct report (查实的投诉、违纪问题) against one target: schemes that name it
 * (南川: the section goes to the bottom) read it from the snapshot. Reason required; the case
 * reference ties it to the office's file.
 */
export function MisconductForm({ targets, busy, onRecord }: Props) {
  const [targetId, setTargetId] = useState<string>();
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  return (
    <View data-testid='misconduct-form'>
      <Text className='admin__label'>被查实对象</Text>
      <View className='admin__chips'>
        {targets.map((t) => (
          <Text key={t.id} className={`admin__chip ${targetId === t.id ? 'is-on' : ''}`} onClick={() => setTargetId(t.id)}>{t.name}</Text>
        ))}
      </View>
      <Text className='admin__label'>查实情况（必填）</Text>
      <Input className='admin__input' value={reason} onInput={(e) => setReason(e.detail.value)} data-testid='misconduct-reason' />
      <Text className='admin__label'>案件编号（选填）</Text>
      <Input className='admin__input' value={reference} onInput={(e) => setReference(e.detail.value)} />
      <Button block loading={busy} disabled={busy || !targetId || reason.trim().length < 2} data-testid='misconduct-record'
        onClick={() => targetId && onRecord({ targetId, reason: reason.trim(), ...(reference.trim() ? { reference: reference.trim() } : {}) })}>记录查实问题</Button>
    </View>
  );
}
