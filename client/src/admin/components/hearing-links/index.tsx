import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { Hearing } from '@shared/api/panels';
import { listHearings } from '../../../api/review';

/** A round's hearings, each opening the chair's live tally. Shows nothing until one exists. */
export function HearingLinks({ roundId }: { roundId: string }) {
  const [hearings, setHearings] = useState<Hearing[]>([]);
  useEffect(() => {
    // A failed lookup only hides the links; the round card itself stays usable.
    listHearings(roundId).then((r) => setHearings(r.hearings), () => setHearings([]));
  }, [roundId]);
  if (hearings.length === 0) return null;
  return (
    <View>
      {hearings.map((h) => (
        <Text key={h.id} className='admin__link' data-testid={`hearing-link-${h.id}`}
          onClick={() => Taro.navigateTo({ url: `/admin/pages/hearing/index?round=${roundId}&id=${h.id}` })}>{`现场计票：${h.name}`}</Text>
      ))}
    </View>
  );
}
