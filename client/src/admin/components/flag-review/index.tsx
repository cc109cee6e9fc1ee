import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { FlagView } from '@shared/api/flags';
import { formatTime } from '../../../lib/format';

const STATUS: Record<FlagView['status'], string> = { pending: '待决定', kept: '已决定保留', excluded: '已决定剔除' };

type Props = {
  flags: FlagView[];
  targetName: (id: string) => string;
  /** Decisions need a closed or published round (the server checks too). */
  canDecide: boolean;
  busy: boolean;
  onDecide: (flagId: string, decision: 'exclude' | 'keep', reason: string) => void;
};

/**
 * Suspected stuffing, as evidence: flagged ballots stay stored and counted until the supervisor
 * decides, with a reason, to exclude them (each is then voided) or to keep them.
 */
export function FlagReview({ flags, targetName, canDecide, busy, onDecide }: Props) {
  const [reasons, setReasons] = useState<Record<string, string>>({});
  if (flags.length === 0) return <Text className='admin__sub' data-testid='no-flags'>未发现异常评价</Text>;
  return (
    <View>
      {flags.map((f) => {
        const reason = (reasons[f.flagId] ?? '').trim();
        return (
          <View key={f.flagId} className='admin__sub' data-testid={`flag-${f.flagId}`}>
            <Text className='admin__label'>{`${f.label} · ${STATUS[f.status]}`}</Text>
            <Text className='admin__sub'>{`${f.detail}（${formatTime(f.from)} — ${formatTime(f.to)}）`}</Text>
            <Text className='admin__sub'>{`涉及 ${f.ballots.length} 张：${[...new Set(f.ballots.map((b) => targetName(b.targetId)))].join('、')}`}</Text>
            {f.comment && <Text className='admin__sub'>{`雷同意见：${f.comment}`}</Text>}
            {f.decision && <Text className='admin__sub' data-testid='flag-decision'>{`决定理由：${f.decision.reason}`}</Text>}
            {canDecide && f.status === 'pending' && (
              <View>
                <Input className='admin__input' value={reasons[f.flagId] ?? ''} placeholder='决定理由（必填，记入审计日志）'
                  onInput={(e) => setReasons({ ...reasons, [f.flagId]: e.detail.value })} data-testid='flag-reason' />
                <View className='admin__actions'>
                  <Button size='small' type='danger' disabled={busy || reason.length < 2} data-testid='flag-exclude' onClick={() => onDecide(f.flagId, 'exclude', reason)}>剔除这些评价</Button>
                  <Button size='small' disabled={busy || reason.length < 2} data-testid='flag-keep' onClick={() => onDecide(f.flagId, 'keep', reason)}>保留</Button>
                </View>
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}
