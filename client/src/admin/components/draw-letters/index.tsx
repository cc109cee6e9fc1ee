import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { DrawSummary } from '@shared/api/panels';
import type { LettersFor, LettersPreview } from '@shared/api/paper';
import { getLettersPreview, lettersPdfPath, openPdf } from '../../../api/paper';

type Props = { draw: DrawSummary; busy: boolean; fail: (e: unknown) => void };

const CHOICES: Array<{ who: LettersFor; label: string }> = [
  { who: 'needs-paper', label: '需要纸质邀请函的代表' },
  { who: 'all', label: '全部受邀代表' },
];

/**
 * Invitation letters for a drawn draw, after it was invited: by default only the members the
 * WeChat message cannot reach and who have not answered yet; the count is shown before printing
 * so the office knows how many pages the printer will take.
 */
export function DrawLetters({ draw, busy, fail }: Props) {
  const [who, setWho] = useState<LettersFor>('needs-paper');
  const [preview, setPreview] = useState<LettersPreview>();
  useEffect(() => {
    if (draw.invitedAt) getLettersPreview(draw.drawId).then(setPreview).catch(fail);
  }, [draw]);

  if (!draw.invitedAt) return <Text className='admin__sub' data-testid='draw-letters-wait'>发出邀请后可打印邀请函（给不用微信的代表：个人二维码和邀请码）</Text>;
  if (!preview) return null;
  const n = preview.letters[who];
  return (
    <View data-testid={`draw-letters-${draw.drawId}`}>
      <Text className='admin__label'>打印邀请函</Text>
      <Text className='admin__sub' data-testid='draw-letters-summary'>{`受邀 ${preview.invited} 人：已绑定微信 ${preview.wechat} 人，已开始评价 ${preview.answered} 人`}</Text>
      <View className='admin__chips'>
        {CHOICES.map((c) => (
          <Text key={c.who} className={`admin__chip ${c.who === who ? 'is-on' : ''}`} data-testid={`draw-letters-${c.who}`} onClick={() => setWho(c.who)}>{`${c.label}（${preview.letters[c.who]}）`}</Text>
        ))}
      </View>
      <Button block disabled={busy || n === 0} data-testid='draw-letters' onClick={() => openPdf(lettersPdfPath(draw.drawId, who)).catch(fail)}>
        {n === 0 ? '没有需要打印的邀请函' : `打印 ${n} 封邀请函（PDF）`}
      </Button>
    </View>
  );
}
