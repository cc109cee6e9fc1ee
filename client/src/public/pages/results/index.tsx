import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Notice } from '../../../components/notice';
import { CarePage } from '../../../components/care-page';
import { userMessage } from '../../../api/errors';
import { listPublished } from '../../../api/public';
import type { PublicRoundList } from '../../../api/public';
import { formatTime } from '../../../lib/format';
import './index.scss';

/** Every published round, newest period first; tap one for its rankings. */
function PublishedRounds() {
  const [rounds, setRounds] = useState<PublicRoundList['rounds']>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    listPublished().then((r) => setRounds(r.rounds), (e) => setError(userMessage(e)));
  }, []);

  if (error) return <Notice tone='error'>{error}</Notice>;
  if (!rounds) return <Notice>正在加载…</Notice>;
  return (
    <View className='published'>
      <Text className='published__lead'>以下是已正式公布的评议结果。每次公布都有版本号和校验码，任何人都可以核对结果有没有被改动。</Text>
      {rounds.length === 0 && <Notice>还没有公布的评议结果</Notice>}
      {rounds.map((r) => (
        <View key={r.roundId} className='published__item' data-testid={`published-${r.roundId}`}
          onClick={() => Taro.navigateTo({ url: `/public/pages/round/index?id=${encodeURIComponent(r.roundId)}` })}>
          <Text className='published__name'>{r.name}</Text>
          <Text className='published__meta'>{`${r.period.label} · ${r.schemeName}`}</Text>
          <Text className='published__meta'>{`第 ${r.version} 版 · ${formatTime(r.publishedAt)} 公布`}</Text>
        </View>
      ))}
    </View>
  );
}

/** In the care-mode frame: anyone may read it, the elderly included (适老化). */
export default function PublishedRoundsPage() {
  return <CarePage><PublishedRounds /></CarePage>;
}
