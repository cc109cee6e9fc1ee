import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { OFFICE_ROLES } from '@shared/api/auth';
import type { CreateAccountResponse } from '@shared/api/auth';
import type { z } from 'zod';
import { NODE_KINDS, NODE_KIND_LABELS, PARENT_KIND } from '@shared/model/org';
import type { NodeKind } from '@shared/model/org';
import { Notice } from '../../../components/notice';
import { createAccount, createNode } from '../../../api/accounts';
import { requireAdmin } from '../../lib/admin-guard';
import { Field } from '../../components/field';
import { useAdminAction } from '../../lib/use-admin-action';
import { formatDateTime } from '../../lib/dates';
import '../rounds/index.scss';

type Role = (typeof OFFICE_ROLES)[number];
const ROLE_LABELS: Record<Role, string> = {
  staff: '被评单位工作人员',
  supervisor: '评议主管部门',
  admin: '系统管理员',
  monitor: '监测点',
  inspector: '明察暗访人员',
};
/** Roles that act for one unit: the account names it. */
const UNIT_ROLES: Role[] = ['staff'];

/**
 * Office accounts (each gets a one-time code to bind a WeChat account) and single organisation
 * nodes added between imports (a new window opened mid-year).
 */
export default function AccountsPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/accounts/index'));
  const [account, setAccount] = useState({ accountId: '', name: '', role: 'staff' as Role, unitId: '' });
  const [created, setCreated] = useState<z.infer<typeof CreateAccountResponse>>();
  const [node, setNode] = useState({ kind: 'window' as NodeKind, id: '', name: '', parentId: '' });
  const { busy, message, act } = useAdminAction(async () => undefined);

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  const needsUnit = UNIT_ROLES.includes(account.role);
  const parentKind = PARENT_KIND[node.kind];
  return (
    <View className='admin'>
      {message && <Notice tone={message.tone} testId='accounts-message'>{message.text}</Notice>}
      <View className='admin__card' data-testid='account-form'>
        <Text className='admin__title'>新建工作账号</Text>
        <Text className='admin__sub'>账号建好后显示一次性绑定码，由本人在“工作人员登录”页输入，绑定自己的微信。</Text>
        <Field label='账号（字母、数字、-、_，2–32 位）' value={account.accountId} testId='account-id' onInput={(v) => setAccount({ ...account, accountId: v })} />
        <Field label='姓名' value={account.name} testId='account-name' onInput={(v) => setAccount({ ...account, name: v })} />
        <Text className='admin__label'>角色</Text>
        <View className='admin__chips'>
          {OFFICE_ROLES.map((r) => (
            <Text key={r} className={`admin__chip ${account.role === r ? 'is-on' : ''}`} data-testid={`account-role-${r}`} onClick={() => setAccount({ ...account, role: r })}>{ROLE_LABELS[r]}</Text>
          ))}
        </View>
        {needsUnit && <Field label='所属单位编号' value={account.unitId} testId='account-unit' placeholder='例如 u-gaj' onInput={(v) => setAccount({ ...account, unitId: v })} />}
        <Button type='primary' block loading={busy} data-testid='account-create'
          onClick={() => act('创建账号', async () => {
            setCreated(undefined);
            setCreated(await createAccount({ accountId: account.accountId.trim(), name: account.name.trim(), role: account.role, ...(needsUnit && account.unitId.trim() ? { unitId: account.unitId.trim() } : {}) }));
          })}>创建账号</Button>
        {created && (
          <View data-testid='account-created'>
            <Text className='admin__sub'>{`账号 ${created.accountId} 的绑定码（只显示这一次，${formatDateTime(created.bindExpiresAt)} 前有效）：`}</Text>
            <Text className='admin__title' userSelect data-testid='account-bind-code'>{created.bindCode}</Text>
          </View>
        )}
      </View>
      <View className='admin__card' data-testid='node-form'>
        <Text className='admin__title'>新增单个单位、科室或窗口</Text>
        <Text className='admin__sub'>成批导入请用“导入单位”。新窗口不会自动加入进行中的评议。</Text>
        <View className='admin__chips'>
          {NODE_KINDS.map((k) => (
            <Text key={k} className={`admin__chip ${node.kind === k ? 'is-on' : ''}`} data-testid={`node-kind-${k}`} onClick={() => setNode({ ...node, kind: k })}>{NODE_KIND_LABELS[k]}</Text>
          ))}
        </View>
        <Field label='编号（字母、数字，1–12 位）' value={node.id} testId='node-id' onInput={(v) => setNode({ ...node, id: v })} />
        <Field label='名称' value={node.name} testId='node-name' onInput={(v) => setNode({ ...node, name: v })} />
        {parentKind && <Field label={`所属${NODE_KIND_LABELS[parentKind]}编号`} value={node.parentId} testId='node-parent' onInput={(v) => setNode({ ...node, parentId: v })} />}
        <Button type='primary' block loading={busy} data-testid='node-create'
          onClick={() => act(`新增${NODE_KIND_LABELS[node.kind]}`, () => createNode({ kind: node.kind, id: node.id.trim(), name: node.name.trim(), parentId: parentKind ? node.parentId.trim() : null }))}>
          新增
        </Button>
      </View>
    </View>
  );
}
