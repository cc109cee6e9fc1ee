import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { DrawSummary } from '@shared/api/panels';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import { createHearing, inviteDrawn } from '../../../api/panels';
import { Field } from '../field';
import { TargetPicker } from '../target-picker';
import { checkDateRange, cstDate, cstInstant } from '../../lib/dates';

type Props = { draw: DrawSummary; round: Round; targets: OrgNode[]; busy: boolean; act: (label: string, fn: () => Promise<unknown>) => Promise<void> };

/**
 * After a draw: invite its members to rate (directed channel; one subscription message each, and
 * members without WeChat get letters), or seat them at a hearing for a group of units.
 */
export function DrawFollowup({ draw, round, targets, busy, act }: Props) {
  const [until, setUntil] = useState(cstDate(14));
  const [hearing, setHearing] = useState({ id: '', name: '', day: cstDate(7) });
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => setPicked(targets.map((t) => t.id)), [targets]);
  if (draw.status !== 'drawn') return null;
  const dayError = (d: string) => checkDateRange(cstDate(), d) && '截止日期应为今天或以后的“年-月-日”';
  return (
    <View data-testid={`draw-followup-${draw.drawId}`}>
      {round.channels.includes('directed') && (
        <View>
          <Field label='评价截止日期（年-月-日）' value={until} testId='invite-until' onInput={setUntil} />
          <Button size='small' type='primary' loading={busy} data-testid='invite-drawn'
            onClick={() => {
              const e = dayError(until);
              setError(e || undefined);
              if (!e) void act('发出邀请', () => inviteDrawn(draw.drawId, { expiresAt: cstInstant(until, true) }));
            }}>{`邀请抽中的 ${draw.n} 位代表评价`}</Button>
        </View>
      )}
      {round.channels.includes('hearing') && (
        <View>
          <Text className='admin__label'>用本次抽取的代表召开听证评议会</Text>
          <Field label='会议编号（字母数字）' value={hearing.id} testId='hearing-id' onInput={(v) => setHearing({ ...hearing, id: v })} />
          <Field label='会议名称' value={hearing.name} testId='hearing-name' placeholder='例如：执法监督组集中测评会' onInput={(v) => setHearing({ ...hearing, name: v })} />
          <Field label='测评表截止日期（年-月-日）' value={hearing.day} testId='hearing-day' onInput={(v) => setHearing({ ...hearing, day: v })} />
          <Text className='admin__label'>参加测评的单位</Text>
          <TargetPicker nodes={targets} picked={picked} onChange={setPicked} testId='hearing-targets' />
          <Button size='small' type='primary' loading={busy} data-testid='hearing-create'
            onClick={() => {
              const e = dayError(hearing.day) || (picked.length === 0 ? '请至少选择一个单位' : undefined);
              setError(e || undefined);
              if (!e) void act('创建听证会', () => createHearing(round.id, { id: hearing.id.trim(), name: hearing.name.trim(), drawId: draw.drawId, targetIds: picked, expiresAt: cstInstant(hearing.day, true) }));
            }}>创建听证会并通知代表</Button>
        </View>
      )}
      {error && <Text className='admin__sub admin__error' data-testid='followup-error'>{error}</Text>}
    </View>
  );
}
