import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { cloneScheme } from '../../../api/schemes';
import { userMessage } from '../../../api/errors';
import { Notice } from '../../../components/notice';
import { Field } from '../../components/field';

/** The clone form: a new name and id for the county's own copy; opens the copy in the editor. */
export function CloneForm({ from, fromName, version }: { from: string; fromName: string; version?: number }) {
  const [name, setName] = useState(`${fromName}（本县）`);
  const [schemeId, setSchemeId] = useState(`${from}-${new Date().getFullYear()}`.slice(0, 32));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const idOk = /^[a-z0-9-]{2,32}$/.test(schemeId);
  const submit = async () => {
    setBusy(true);
    setError('');
    try {
      const copy = await cloneScheme({ from: { schemeId: from, ...(version ? { version } : {}) }, schemeId, name: name.trim() });
      void Taro.redirectTo({ url: `/admin/pages/scheme/index?id=${copy.schemeId}` });
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='admin__card' data-testid={`clone-form-${from}`}>
      <Text className='admin__title'>复制为本县方案</Text>
      <View data-testid='clone-name'>
        <Field label='新方案名称' value={name} onInput={setName} />
      </View>
      <View data-testid='clone-id'>
        <Field label='新方案编号（小写字母、数字或 -，2–32 位）' value={schemeId} onInput={(v) => setSchemeId(v.trim())} />
      </View>
      {!idOk && <Text className='admin__error'>编号只能用小写字母、数字或 -，2–32 位</Text>}
      {error && <Notice tone='error' testId='clone-error'>{error}</Notice>}
      <Button type='primary' block loading={busy} disabled={busy || !idOk || !name.trim()} data-testid='clone-submit' onClick={() => void submit()}>复制</Button>
    </View>
  );
}
