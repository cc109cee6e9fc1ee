import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import { diffScheme, getScheme, type SchemeChange, type SchemeVersionSummary } from '../../../../api/schemes';
import { userMessage } from '../../../../api/errors';
import { Notice } from '../../../../components/notice';
import { diffValue } from '../../schemes/model/show';

type Props = { schemeId: string; versions: SchemeVersionSummary[] };

/** The `from` chip that stands for the scheme a clone came from (a preset, or another scheme). */
const SOURCE = 0;

/**
 * 版本对比: pick two versions, see every changed field by its Chinese name, before → after. A
 * clone can also be compared with the scheme it was copied from (what the county changed).
 */
export function DiffSection({ schemeId, versions }: Props) {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  // Where version 1 was copied from (later versions are based on this scheme's own).
  const [source, setSource] = useState<{ schemeId: string; version: number }>();
  useEffect(() => {
    getScheme(schemeId, 1).then((d) => {
      const b = d.scheme.basedOn;
      if (b && b.schemeId !== schemeId) setSource(b);
    }, () => undefined);
  }, [schemeId]);
  const [from, setFrom] = useState(sorted[sorted.length - 2]?.version ?? SOURCE);
  const [to, setTo] = useState(sorted[sorted.length - 1]?.version ?? 1);
  const [changes, setChanges] = useState<SchemeChange[]>();
  const [between, setBetween] = useState('');
  const [error, setError] = useState('');
  const run = () =>
    (from === SOURCE && source ? diffScheme(schemeId, source.version, to, source.schemeId) : diffScheme(schemeId, from, to)).then(
      (d) => {
        setError('');
        setChanges(d.changes);
        setBetween(`${d.from.schemeId} 第${d.from.version}版 → ${d.to.schemeId} 第${d.to.version}版`);
      },
      (e) => setError(userMessage(e)),
    );
  if (sorted.length < 2 && !source) return <Notice testId='diff-single'>本方案只有一个版本，保存修改后即可对比两个版本。</Notice>;
  const chips = (value: number, set: (v: number) => void, testId: string, withSource = false) => (
    <View className='admin__chips' data-testid={testId}>
      {withSource && source && (
        <Text className={`admin__chip ${value === SOURCE ? 'is-on' : ''}`} data-testid={`${testId}-source`} onClick={() => set(SOURCE)}>{`复制来源 ${source.schemeId} 第${source.version}版`}</Text>
      )}
      {sorted.map((v) => (
        <Text key={v.version} className={`admin__chip ${value === v.version ? 'is-on' : ''}`} onClick={() => set(v.version)}>{`第${v.version}版`}</Text>
      ))}
    </View>
  );
  return (
    <View className='admin__card' data-testid='section-diff'>
      <Text className='admin__title'>版本对比</Text>
      <Text className='admin__label'>原版本</Text>
      {chips(from, setFrom, 'diff-from', true)}
      <Text className='admin__label'>新版本</Text>
      {chips(to, setTo, 'diff-to')}
      <Button type='primary' block data-testid='diff-run' onClick={() => void run()}>对比</Button>
      {error && <Notice tone='error'>{error}</Notice>}
      {changes && <Text className='admin__sub' data-testid='diff-between'>{between}</Text>}
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
