import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Notice } from '../../../components/notice';
import { userMessage } from '../../../api/errors';
import { listOutbox, type OutboxMessage } from '../../../api/office';
import { requireAdmin } from '../../lib/admin-guard';
import { formatDateTime } from '../../lib/dates';
import '../rounds/index.scss';

const TEMPLATES: Record<string, string> = { invitation: '评议邀请', reminder: '评议提醒', rectification_deadline: '整改到期提醒' };
const OUTCOMES: Record<string, string> = { sent: '已送达', refused: '对方拒收', failed: '发送失败', not_subscribed: '未订阅' };

/**
 * The subscription messages sent, newest last, with what happened to each: the office sees who
 * was not reached (未订阅) and sends them a printed letter instead.
 */
export default function OutboxPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/outbox/index'));
  const [messages, setMessages] = useState<OutboxMessage[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (session) listOutbox().then((r) => setMessages(r.messages.slice().reverse()), (e) => setError(userMessage(e)));
  }, [session]);
  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  if (!messages) return error ? <Notice tone='error'>{error}</Notice> : <Notice>正在加载…</Notice>;
  return (
    <View className='admin'>
      <Notice>{`最近 ${messages.length} 条订阅消息，最新的在前。未送达的请改用纸质邀请函。`}</Notice>
      {messages.map((m) => {
        const outcomes = (m.deliveries ?? []).map((d) => OUTCOMES[d.status] ?? d.status);
        return (
          <View key={m.messageId} className='admin__card' data-testid='outbox-message'>
            <Text className='admin__title'>{TEMPLATES[m.template] ?? m.template}</Text>
            <Text className='admin__sub'>{`${formatDateTime(m.sentAt)} · 收件：${m.memberId}`}</Text>
            <Text className='admin__sub'>{m.deliveries === undefined ? '尚未投递' : outcomes.length === 0 ? '无人绑定，未送达' : outcomes.join('、')}</Text>
          </View>
        );
      })}
    </View>
  );
}
