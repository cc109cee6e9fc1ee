import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { OfficeAuditEntry } from '@shared/api/audit';
import { Notice } from '../../../components/notice';
import { userMessage } from '../../../api/errors';
import { officeAuditLog } from '../../../api/office';
import { requireAdmin } from '../../lib/admin-guard';
import { formatDateTime } from '../../lib/dates';
import { auditStep } from '../../lib/audit-labels';
import '../rounds/index.scss';

const ROLES: Record<string, string> = { staff: '单位工作人员', supervisor: '评议主管部门', admin: '管理员', monitor: '监测点', inspector: '暗访人员' };

/** The office audit log: every change and sensitive read by an office account, newest first, append only. */
export default function AuditPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/audit/index'));
  const [entries, setEntries] = useState<OfficeAuditEntry[]>([]);
  const [next, setNext] = useState<string | null>();
  const [error, setError] = useState<string>();
  const load = (before?: string) =>
    officeAuditLog(before).then(
      (p) => {
        setEntries((e) => [...e, ...p.entries]);
        setNext(p.next ?? null);
      },
      (e) => setError(userMessage(e)),
    );
  useEffect(() => {
    if (session) void load();
  }, [session]);
  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  return (
    <View className='admin'>
      {error && <Notice tone='error'>{error}</Notice>}
      {next === null && entries.length === 0 && <Notice>暂无记录</Notice>}
      {entries.map((e) => {
        const ids = Object.values(e.params).join(' / ');
        return (
          <View key={e.entryId} className='admin__card' data-testid='audit-entry'>
            <Text className='admin__title'>{`${auditStep(e.method, e.route)}${e.status >= 400 ? '（被拒绝）' : ''}`}</Text>
            <Text className='admin__sub'>{`${formatDateTime(e.at)} · ${e.actor}（${ROLES[e.role] ?? e.role}）${ids ? ` · ${ids}` : ''}`}</Text>
            {e.status >= 400 && <Text className='admin__sub admin__error'>{`结果：${e.status}${e.code ? ` ${e.code}` : ''}`}</Text>}
          </View>
        );
      })}
      {next && <Button size='small' data-testid='audit-more' onClick={() => void load(next)}>加载更早的记录</Button>}
    </View>
  );
}
