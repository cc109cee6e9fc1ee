import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { Notice } from '../../../components/notice';
import { listSchemes, type SchemeSummary } from '../../../api/schemes';
import { userMessage } from '../../../api/errors';
import { requireAdmin } from '../../lib/admin-guard';
import { CloneForm } from './clone-form';
import '../rounds/index.scss';
import '../scheme/index.scss';

/** The China-time day of an instant (YYYY-MM-DD). */
const chinaDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * 方案列表: the presets (预置, read-only seeds) and the county's own schemes with their latest
 * version; a preset is cloned here (name + id), any scheme opens in the editor.
 */
export default function SchemesPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/schemes/index'));
  const [schemes, setSchemes] = useState<SchemeSummary[]>();
  const [error, setError] = useState('');
  const [cloning, setCloning] = useState<string>();
  useEffect(() => {
    if (session) listSchemes().then((r) => setSchemes(r.schemes), (e) => setError(userMessage(e)));
  }, [session]);

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  // The county's own first: they are what the office works on; presets are where it starts.
  const shown = [...(schemes ?? [])].sort((a, b) => Number(a.preset) - Number(b.preset));
  const open = (id: string) => Taro.navigateTo({ url: `/admin/pages/scheme/index?id=${id}` });
  return (
    <View className='admin scheme'>
      <View className='admin__nav'>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/rounds/index' })}>评议轮次</Text>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/programmes/index' })}>评议项目</Text>
      </View>
      <Text className='admin__sub scheme__ok'>预置方案是各地文件的原样，只能查看和复制；复制后可修改权重、分数线、名额和处理规则，每次保存为新版本。</Text>
      {error && <Notice tone='error'>{error}</Notice>}
      {schemes === undefined && !error && <Notice>正在加载…</Notice>}
      {shown.map((s) => (
        <View key={s.schemeId} className='admin__card' data-testid={`scheme-${s.schemeId}`}>
          <Text className='admin__title' onClick={() => open(s.schemeId)}>
            {s.name}
            {s.preset && <Text className='scheme__tag scheme__tag--preset'>预置</Text>}
          </Text>
          <Text className='admin__sub'>{`${s.schemeId} · 第${s.latestVersion}版 · ${s.preset ? '预置' : `更新于 ${chinaDay(s.updatedAt)}`}${s.inUse ? ' · 已有轮次使用' : ''}${s.basedOn ? ` · 来自 ${s.basedOn.schemeId}` : ''}`}</Text>
          <View className='admin__actions'>
            <Button size='small' data-testid={`open-${s.schemeId}`} onClick={() => open(s.schemeId)}>{s.preset ? '查看' : '编辑'}</Button>
            <Button size='small' type='primary' data-testid={`clone-${s.schemeId}`} onClick={() => setCloning(cloning === s.schemeId ? undefined : s.schemeId)}>复制</Button>
          </View>
          {cloning === s.schemeId && <CloneForm from={s.schemeId} fromName={s.name} version={s.latestVersion} />}
        </View>
      ))}
    </View>
  );
}
