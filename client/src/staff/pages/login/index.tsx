import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { Role } from '@shared/api/auth';
import { bindOfficeWechat, loginOfficeWechat, loginStaff } from '../../../api/staff';
import { userMessage } from '../../../api/errors';
import { Notice } from '../../../components/notice';
import { CarePage } from '../../../components/care-page';
import './index.scss';

const ROLES: Array<{ role: Role; label: string }> = [
  { role: 'staff', label: '单位工作人员' },
  { role: 'supervisor', label: '评议主管部门' },
  { role: 'admin', label: '系统管理员' },
  { role: 'monitor', label: '监测点' },
  { role: 'inspector', label: '明察暗访人员' },
];

/** Where a role lands when the login was not sent from a page: monitor points and inspectors file sheets. */
const HOME: Partial<Record<Role, string>> = { monitor: '/staff/pages/sheets/index', inspector: '/staff/pages/sheets/index' };

/** Runs a login, then goes on to `next`; the error is shown as a Chinese sentence. */
function useLoginAction(next: string) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      void Taro.redirectTo({ url: next });
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, run };
}

/** In WeChat: log in with the bound WeChat identity, or bind it once with the admin's code. */
function WechatOfficeLogin({ next }: { next: string }) {
  const [bindCode, setBindCode] = useState('');
  const { error, busy, run } = useLoginAction(next);
  return (
    <View className='login'>
      <View className='login__submit'>
        <Button type='primary' size='xlarge' block loading={busy} onClick={() => run(loginOfficeWechat)}>微信登录</Button>
      </View>
      <Text className='login__label'>首次使用：输入管理员发放的绑定码</Text>
      <Input className='login__input' value={bindCode} maxlength={8} onInput={(e) => setBindCode(e.detail.value.toUpperCase())} placeholder='8位绑定码' />
      {error && <Notice tone='error'>{error}</Notice>}
      <View className='login__submit'>
        <Button size='xlarge' block disabled={bindCode.length !== 8 || busy} onClick={() => run(() => bindOfficeWechat(bindCode))}>绑定并登录</Button>
      </View>
    </View>
  );
}

/**
 * Staff, supervisor and admin login. In WeChat: the bound WeChat identity (binding codes come
 * from POST /api/admin/accounts). In H5 (local runs): the dev login — a name, a role and, for
 * unit staff, the unit id.
 */
export default function StaffLoginPage() {
  const asked = useRouter().params.next;
  const next = decodeURIComponent(asked ?? '/staff/pages/unit/index');
  return (
    <CarePage>
      {process.env.TARO_ENV === 'weapp' ? <WechatOfficeLogin next={next} /> : <DevLogin next={next} homeFor={asked ? undefined : HOME} />}
    </CarePage>
  );
}

function DevLogin({ next, homeFor }: { next: string; homeFor?: Partial<Record<Role, string>> }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [unitId, setUnitId] = useState('');
  const { error, setError, busy, run } = useLoginAction(homeFor?.[role] ?? next);

  const submit = () => {
    if (!name.trim()) return setError('请输入姓名');
    if (role === 'staff' && !unitId.trim()) return setError('请输入单位编号');
    return run(() => loginStaff({ name: name.trim(), role, ...(role === 'staff' ? { unitId: unitId.trim() } : {}) }));
  };

  return (
    <View className='login'>
      <Text className='login__label'>姓名</Text>
      <Input className='login__input' data-testid='login-name' value={name} onInput={(e) => setName(e.detail.value)} placeholder='请输入姓名' />
      <Text className='login__label'>身份</Text>
      <View className='login__roles'>
        {ROLES.map((r) => (
          <View key={r.role} className={`login__role ${role === r.role ? 'is-on' : ''}`} onClick={() => setRole(r.role)}>
            <Text>{r.label}</Text>
          </View>
        ))}
      </View>
      {role === 'staff' && (
        <>
          <Text className='login__label'>单位编号</Text>
          <Input className='login__input' data-testid='login-unit' value={unitId} onInput={(e) => setUnitId(e.detail.value)} placeholder='例如 u-gaj' />
        </>
      )}
      {error && <Notice tone='error'>{error}</Notice>}
      <View className='login__submit'>
        <Button type='primary' size='xlarge' block loading={busy} onClick={submit} data-testid='login-submit'>登录</Button>
      </View>
    </View>
  );
}
