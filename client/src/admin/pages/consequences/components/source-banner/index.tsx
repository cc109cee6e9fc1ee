import { View, Text } from '@tarojs/components';
import { formatTime } from '../../../../../lib/format';
import type { SheetSource } from '../../load';
import './index.scss';

/** Hex digits of the hash shown: enough to match the printed list against the published one. */
const HASH_PREFIX = 12;

/** Where the list comes from: a published version (what was announced is what is enforced) or a preview. */
export function SourceBanner({ source }: { source: SheetSource }) {
  if (source.kind === 'preview')
    return (
      <View className='source-banner source-banner--preview' data-testid='consequence-source' data-source='preview'>
        <Text>预览：本轮尚未发布，处理措施以发布结果为准</Text>
      </View>
    );
  return (
    <View className='source-banner' data-testid='consequence-source' data-source='published'>
      <Text className='source-banner__line'>{`依据已发布的第 ${source.version} 版结果，发布于 ${formatTime(source.publishedAt)}`}</Text>
      <Text className='source-banner__hash' data-testid='consequence-hash'>{`SHA-256：${source.hash.slice(0, HASH_PREFIX)}…`}</Text>
    </View>
  );
}
