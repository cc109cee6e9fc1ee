import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { Round } from '@shared/model/round';
import { ROUND_STATUS_LABELS } from '@shared/model/round';
import { CHANNEL_LABELS } from '@shared/model/channel';
import { Notice } from '../../../components/notice';
import { userMessage } from '../../../api/errors';
import { listRounds } from '../../../api/staff';
import { closeRound, createSamplingLink, openRound } from '../../../api/admin';
import { revokeSamplingLink } from '../../../api/office';
import { requireAdmin } from '../../lib/admin-guard';
import { RoundCreate } from '../../components/round-create';
import { useAdminAction } from '../../lib/use-admin-action';
import { HearingLinks } from '../../components/hearing-links';
import { CancelRound } from '../../components/cancel-round';
import { listProgrammes } from '../../../api/programmes';
import type { ProgrammeListResponse } from '@shared/api/programmes';
import './index.scss';

/**
 * Rounds: create one in a programme (or on its own), open, close or cancel it, publish its
 * sampling link.
 */
export default function RoundsPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/rounds/index'));
  const [rounds, setRounds] = useState<Round[]>([]);
  const [links, setLinks] = useState<Record<string, string>>({});
  const [programmes, setProgrammes] = useState<ProgrammeListResponse['programmes']>([]);

  const reload = () =>
    Promise.all([listRounds(), listProgrammes()]).then(
      ([r, p]) => {
        setRounds(r.rounds);
        setProgrammes(p.programmes.filter((x) => !x.soloRound));
      },
      (e) => fail(e),
    );
  const { busy, message, act, fail } = useAdminAction(reload);
  useEffect(() => {
    if (session) void reload();
  }, [session]);


  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  // Ending, revoking: the office is asked once more, in words that say what follows.
  const confirmed = async (title: string, content: string, confirmText: string) => (await Taro.showModal({ title, content, confirmText, cancelText: '再想想' })).confirm;
  return (
    <View className='admin'>
      <View className='admin__nav'>
        <Text data-testid='nav-programmes' onClick={() => Taro.navigateTo({ url: '/admin/pages/programmes/index' })}>评议项目</Text>
        <Text data-testid='nav-schemes' onClick={() => Taro.navigateTo({ url: '/admin/pages/schemes/index' })}>评议方案</Text>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/import/index' })}>导入单位</Text>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/qr/index' })}>窗口二维码</Text>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/invitations/index' })}>定向邀请</Text>
      </View>
      <View className='admin__nav'>
        <Text data-testid='nav-representatives' onClick={() => Taro.navigateTo({ url: '/admin/pages/representatives/index' })}>评议代表库</Text>
        <Text data-testid='nav-tasks' onClick={() => Taro.navigateTo({ url: '/admin/pages/tasks/index' })}>整改任务</Text>
        <Text data-testid='nav-accounts' onClick={() => Taro.navigateTo({ url: '/admin/pages/accounts/index' })}>账号与单位</Text>
        <Text data-testid='nav-audit' onClick={() => Taro.navigateTo({ url: '/admin/pages/audit/index' })}>审计日志</Text>
      </View>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {rounds.map((r) => (
        <View key={r.id} className='admin__card' data-testid={`round-${r.id}`}>
          <Text className='admin__title'>{r.name}</Text>
          <Text className='admin__sub'>{`${r.id} · ${r.period.label} · ${ROUND_STATUS_LABELS[r.status]} · ${r.channels.map((c) => CHANNEL_LABELS[c]).join('、')}`}</Text>
          <View className='admin__actions'>
            {r.status === 'draft' && <Button size='small' type='primary' data-testid={`open-${r.id}`} onClick={() => act('开启', () => openRound(r.id))}>开启</Button>}
            {r.status === 'open' && (
              <Button size='small' type='danger' data-testid={`close-${r.id}`}
                onClick={async () => (await confirmed('确认结束评议', `结束后“${r.name}”不再接受任何评价，进入审核发布。此操作不能撤销。`, '确认结束')) && act('结束', () => closeRound(r.id))}>结束</Button>
            )}
            {(r.status === 'closed' || r.status === 'published') && (
              <Button size='small' type='primary' data-testid={`review-${r.id}`} onClick={() => Taro.navigateTo({ url: `/admin/pages/review/index?id=${r.id}` })}>{r.status === 'closed' ? '审核发布' : '审核更正'}</Button>
            )}
            {r.status === 'open' && r.channels.includes('sampling') && (
              <Button size='small' onClick={() => act('生成抽样链接', async () => { const l = await createSamplingLink(r.id); setLinks((x) => ({ ...x, [r.id]: l.url })); })}>抽样链接</Button>
            )}
          </View>
          {links[r.id] && <Text className='admin__link' userSelect>{links[r.id]}</Text>}
          {r.status === 'open' && r.channels.includes('sampling') && (
            <Text className='admin__link' data-testid={`revoke-sampling-${r.id}`}
              onClick={async () => (await confirmed('确认停用抽样链接', '停用后已发布的抽样链接立即失效，群众打开将提示链接已停用；可重新生成新链接。', '确认停用')) && act('停用抽样链接', async () => { await revokeSamplingLink(r.id); setLinks((x) => { const { [r.id]: _gone, ...rest } = x; return rest; }); })}>停用抽样链接</Text>
          )}
          <Text className='admin__link' data-testid={`inputs-${r.id}`} onClick={() => Taro.navigateTo({ url: `/admin/pages/inputs/index?id=${r.id}` })}>录入数据（服务人次、工作考核等）</Text>
          <Text className='admin__link' data-testid={`paper-${r.id}`} onClick={() => Taro.navigateTo({ url: `/admin/pages/paper/index?id=${r.id}` })}>纸质测评表（印发、打印、录入、回收率）</Text>
          {(r.status === 'closed' || r.status === 'published') && (
            <Text className='admin__link' data-testid={`consequences-${r.id}`} onClick={() => Taro.navigateTo({ url: `/admin/pages/consequences/index?roundId=${r.id}` })}>处理措施清单</Text>
          )}
          {(r.channels.includes('directed') || r.channels.includes('hearing')) && (
            <Text className='admin__link' data-testid={`draws-${r.id}`} onClick={() => Taro.navigateTo({ url: `/admin/pages/draws/index?round=${r.id}` })}>公开抽取评议代表</Text>
          )}
          {r.channels.includes('hearing') && <HearingLinks roundId={r.id} />}
          <CancelRound roundId={r.id} roundName={r.name} status={r.status} act={act} />
        </View>
      ))}
      <View className='admin__card'>
        <RoundCreate programmes={programmes} busy={busy} act={act} />
      </View>
    </View>
  );
}
