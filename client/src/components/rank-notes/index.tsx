import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { GroupCut } from '@shared/scoring/result';
import { cutConfidence, headlineCut } from '../../lib/rank-notes';
import './index.scss';

type Props = { cuts?: readonly GroupCut[]; name: (id: string) => string; testId?: string };

/**
 * One line under a group's ranking saying how its quota was cut and how a tie at the line was
 * settled (docs/scoring.md "Ties at a cut"); every cut and who is confidently inside it are
 * folded behind 「详情」 so the ranking stays readable on a phone.
 */
export function CutNotes({ cuts, name, testId = 'cut-notes' }: Props) {
  const [open, setOpen] = useState(false);
  const head = headlineCut(cuts);
  if (!cuts || !head) return null;
  return (
    <View className='cut-notes' data-testid={testId}>
      <View className='cut-notes__line'>
        <Text className='cut-notes__text' data-testid='cut-headline'>{`名额说明：${head.text}`}</Text>
        <Text className='cut-notes__toggle' data-testid='cut-toggle' onClick={() => setOpen(!open)}>{open ? '收起' : '详情'}</Text>
      </View>
      {open && (
        <View className='cut-notes__details' data-testid='cut-details'>
          {cuts.map((c, i) => (
            <View key={`${c.ruleIds.join(',')}-${i}`} className='cut-notes__cut'>
              <Text className='cut-notes__detail'>{c.text}</Text>
              <Text className='cut-notes__sub'>{cutConfidence(c, name)}</Text>
            </View>
          ))}
          <Text className='cut-notes__sub'>名次区间：按95%同时置信度，该单位名次可能落在的范围；区间跨过名额线的，结果仅“可能”成立。</Text>
        </View>
      )}
    </View>
  );
}
