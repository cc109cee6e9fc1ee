import { useEffect, useState } from 'react';
import { View, Text, Input, Textarea } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { Round } from '@shared/model/round';
import type { Invitation } from '@shared/api/tokens';
import { Notice } from '../../../components/notice';
import { userMessage } from '../../../api/errors';
import { listRounds } from '../../../api/staff';
import { createInvitations } from '../../../api/admin';
import { requireAdmin } from '../../lib/admin-guard';
import { checkDateRange, cstDate, cstInstant } from '../../lib/dates';
import { revokeInvitation } from '../../../api/office';
import Taro from '@tarojs/taro';
import '../rounds/index.scss';

/** Directed invitations: one single-use link per panel member, with a deadline; a wrong one can be revoked. */
export default function InvitationsPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/invitations/index'));
  const [rounds, setRounds] = useState<Round[]>([]);
  const [roundId, setRoundId] = useState<string>();
  const [members, setMembers] = useState('');
  const [deadline, setDeadline] = useState(cstDate(14));
  const [made, setMade] = useState<Invitation[]>([]);
  const [revoked, setRevoked] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string }>();

  useEffect(() => {
    if (session) listRounds().then((r) => {
      const open = r.rounds.filter((x) => x.status === 'open' && x.channels.includes('directed'));
      setRounds(open);
      setRoundId(open[0]?.id);
    }, (e) => setMessage({ tone: 'error', text: userMessage(e) }));
  }, [session]);

  const submit = async () => {
    const ids = members.split(/[\s,，]+/).map((s) => s.trim()).filter(Boolean);
    if (!roundId || ids.length === 0) return setMessage({ tone: 'error', text: '请选择评议轮次并填写至少一名评议代表编号' });
    const dateProblem = checkDateRange(cstDate(), deadline.trim());
    if (dateProblem) return setMessage({ tone: 'error', text: '截止日期应为今天或以后的“年-月-日”' });
    try {
      const r = await createInvitations(roundId, { members: ids.map((memberId) => ({ memberId })), expiresAt: cstInstant(deadline, true) });
      setMade(r.invitations);
      setMessage({ tone: 'ok', text: `已生成 ${r.invitations.length} 份邀请` });
    } catch (e) {
      setMessage({ tone: 'error', text: userMessage(e) });
    }
  };

  const revoke = async (i: Invitation) => {
    const ok = (await Taro.showModal({ title: '确认撤销邀请', content: `撤销后 ${i.memberId} 的邀请链接立即失效，已提交的评价仍然有效。`, confirmText: '确认撤销', cancelText: '再想想' })).confirm;
    if (!ok) return;
    try {
      await revokeInvitation(i.invitationId);
      setRevoked((s) => new Set([...s, i.invitationId]));
      setMessage({ tone: 'ok', text: `已撤销 ${i.memberId} 的邀请` });
    } catch (e) {
      setMessage({ tone: 'error', text: userMessage(e) });
    }
  };

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  return (
    <View className='admin'>
      <View className='admin__card'>
        <Text className='admin__label'>评议轮次（进行中且接受定向评议）</Text>
        <View className='admin__chips'>
          {rounds.map((r) => <Text key={r.id} className={`admin__chip ${r.id === roundId ? 'is-on' : ''}`} onClick={() => setRoundId(r.id)}>{r.name}</Text>)}
        </View>
        {rounds.length === 0 && <Text className='admin__sub'>没有进行中的定向评议轮次</Text>}
        <Text className='admin__label'>评议代表编号（每行一个）</Text>
        <Textarea className='admin__textarea' value={members} maxlength={-1} onInput={(e) => setMembers(e.detail.value)} data-testid='invite-members' />
        <Text className='admin__label'>截止日期</Text>
        <Input className='admin__input' value={deadline} onInput={(e) => setDeadline(e.detail.value)} data-testid='invite-deadline' />
        <Button type='primary' block onClick={submit} data-testid='invite-create'>生成邀请</Button>
      </View>
      {message && <Notice tone={message.tone} testId='invite-message'>{message.text}</Notice>}
      {made.map((i) => (
        <View key={i.invitationId} className='admin__card' data-testid={`invitation-${i.memberId}`}>
          <Text className='admin__title'>{i.memberId}</Text>
          <Text className='admin__link' userSelect data-testid='invitation-url'>{i.url}</Text>
          {revoked.has(i.invitationId) ? (
            <Text className='admin__sub'>已撤销，此链接不能再评价</Text>
          ) : (
            <Button size='small' type='danger' data-testid={`revoke-invitation-${i.memberId}`} onClick={() => void revoke(i)}>撤销邀请</Button>
          )}
        </View>
      ))}
    </View>
  );
}
