import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { OrgNode } from '@shared/model/org';
import type { OriginalComment } from '@shared/api/audit';
import { CHANNEL_LABELS } from '@shared/model/channel';
import { userMessage } from '../../../api/errors';
import { originalComments } from '../../../api/office';
import { formatDateTime } from '../../lib/dates';

type Props = { roundId: string; targets: OrgNode[] };

/**
 * Comments as citizens wrote them (unscrubbed), for the supervising office when a scrubbed one
 * must be checked: one target at a time, each read written to the audit log with the ballots shown.
 * Never who wrote them.
 */
export function OriginalComments({ roundId, targets }: Props) {
  const [targetId, setTargetId] = useState<string>();
  const [comments, setComments] = useState<OriginalComment[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const read = async () => {
    if (!targetId) return;
    setBusy(true);
    setError(undefined);
    try {
      setComments((await originalComments(roundId, targetId)).comments);
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='admin__card' data-testid='original-comments'>
      <Text className='admin__title'>原始评价意见</Text>
      <Text className='admin__sub'>显示未经脱敏的原文，仅供核实；每次查看都记入审计日志。</Text>
      <View className='admin__chips'>
        {targets.map((t) => (
          <Text key={t.id} className={`admin__chip ${targetId === t.id ? 'is-on' : ''}`} data-testid={`original-target-${t.id}`} onClick={() => { setTargetId(t.id); setComments(undefined); }}>{t.name}</Text>
        ))}
      </View>
      <Button size='small' loading={busy} disabled={!targetId || busy} data-testid='original-read' onClick={() => void read()}>查看原文（记入审计）</Button>
      {error && <Text className='admin__sub admin__error'>{error}</Text>}
      {comments && comments.length === 0 && <Text className='admin__sub'>没有评价意见</Text>}
      {comments?.map((c) => (
        <Text key={c.ballotId} className='admin__sub' data-testid='original-comment'>{`${formatDateTime(c.receivedAt)} · ${CHANNEL_LABELS[c.channel]}：${c.text}`}</Text>
      ))}
    </View>
  );
}
