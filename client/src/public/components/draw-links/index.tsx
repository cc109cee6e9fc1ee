import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { drawLog } from '../../../api/draws';

/** The round's panel draws, each opening its public page (and its re-check). Nothing when none. */
export function DrawLinks({ roundId }: { roundId: string }) {
  const [draws, setDraws] = useState<string[]>([]);
  useEffect(() => {
    // A failed lookup only hides the links; the results above stay.
    drawLog(roundId).then((l) => setDraws([...new Set(l.entries.map((e) => e.drawId))]), () => setDraws([]));
  }, [roundId]);
  if (draws.length === 0) return null;
  return (
    <View className='round-results__draws' data-testid='draw-links'>
      <Text className='round-results__meta'>本轮评议代表的抽取公示</Text>
      {draws.map((id) => (
        <Text key={id} className='round-results__link' data-testid={`draw-link-${id}`} onClick={() => Taro.navigateTo({ url: `/public/pages/draw/index?id=${id}` })}>{`抽取 ${id}：查看并自行核验`}</Text>
      ))}
    </View>
  );
}
