import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { PublicResults } from '../../../api/public';
import { formatTime } from '../../../lib/format';
import './index.scss';

type Props = { data: PublicResults; onVersion: (v: number) => void };

/** Which version this is, its SHA-256 (anyone can recompute it) and the other versions. */
export function VersionBox({ data, onVersion }: Props) {
  const s = data.snapshot;
  return (
    <View className='version-box'>
      <Text className='version-box__line' data-testid='version'>{`第 ${data.version} 版 · ${formatTime(data.publishedAt)} 公布`}</Text>
      {s.correctionOf && <Text className='version-box__line'>{`更正第 ${s.correctionOf.version} 版${s.reason ? `，原因：${s.reason}` : ''}`}</Text>}
      <Text className='version-box__label'>内容校验码（SHA-256）</Text>
      <Text className='version-box__hash' selectable data-testid='hash'
        onLongPress={() => void Taro.setClipboardData({ data: data.hash })}>{data.hash}</Text>
      <Text className='version-box__help'>下载下方的“核验数据”文件，计算其 SHA-256，应与上面的校验码完全一致。</Text>
      {data.versions.length > 1 && (
        <View className='version-box__versions'>
          {data.versions.map((v) => (
            <Text key={v.version} className={`version-box__version ${v.version === data.version ? 'is-on' : ''}`}
              onClick={() => onVersion(v.version)}>{`第 ${v.version} 版`}</Text>
          ))}
        </View>
      )}
    </View>
  );
}
