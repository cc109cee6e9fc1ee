import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import { diffScheme, type SchemeChange, type SchemeVersionSummary } from '../../../../api/schemes';
import { userMessage } from '../../../../api/errors';
import { Notice } from '../../../../components/notice';
import { diffValue } from '../../schemes/model/show';

type Props = { schemeId: string; versions: SchemeVersionSummary[] };

/** 版本对比: pick two versions, see every changed field by its Chinese name, before → after. */
export function DiffSection({ schemeId, versions }: Props) {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const [from, setFrom] = useState(sorted[sorted.length - 2]?.version ?? 1);
  const [to, setTo] = useState(sorted[sorted.length - 1]?.version ?? 1);
  const [changes, setChanges] = useState<SchemeChange[]>();
  const [error, setError] = useState('');
  const run = () =>
    diffScheme(schemeId, from, to).then(
      (d) => {
        setError('');
        setChanges(d.changes);
      },
      (e) => setError(userMessage(e)),
    );
  if (sorted.length < 2) return <Notice testId='diff-single'>本方案只有一个版本，保存修改后即可对比两个版本。</Notice>;
  const chips = (value: number, set: (v: number) => void, testId: string) => (
    <View className='admin__chips' data-testid={testId}>
      {sorted.map((v) => (
        <Text key={v.version} className={`admin__chip ${value === v.version ? 'is-on' : ''}`} onClick={() => set(v.version)}>{`第${v.version}版`}</Text>
      ))}
    </View>
  );
  return (
    <View className='admin__card' data-testid='section-diff'>
      <Text className='admin__title'>版本对比</Text>
      <Text className='admin__label'>原版本</Text>
      {chips(from, setFrom, 'diff-from')}
      <Text className='admin__label'>新版本</Text>
      {chips(to, setTo, 'diff-to')}
      <Button type='primary' block data-testid='diff-run' onClick={() => void run()}>对比</Button>
      {error && <Notice tone='error'>{error}</Notice>}
      {changes && changes.length === 0 && <Notice testId='diff-none'>两个版本没有差别</Notice>}
      {changes?.map((c) => (
        <View key={c.path} className='scheme__row' data-testid='diff-change'>
          <Text className='scheme__section'>{c.label}</Text>
          <Text className='scheme__cell'>{`${diffValue(c.before, c.path)} → ${diffValue(c.after, c.path)}`}</Text>
        </View>
      ))}
    </View>
  );
}
