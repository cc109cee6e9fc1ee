import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { recountRound, type RecountReport } from '../../../api/office';

type Props = { roundId: string; busy: boolean; act: (label: string, fn: () => Promise<unknown>) => Promise<void> };

/**
 * 复核重算: every tally recomputed from the raw ballots, every ballot checked against its digest,
 * the ballots' Merkle root against the published one. Anything but "一致" is a reason not to publish.
 */
export function RecountCard({ roundId, busy, act }: Props) {
  const [report, setReport] = useState<RecountReport>();
  const problems = report ? report.mismatches.length + report.voidMismatches.length + report.digestMismatches.length : 0;
  const rootDiffers = report?.tree.published && report.tree.published.root !== report.tree.root && report.tree.published.size === report.tree.size;
  return (
    <View className='admin__card' data-testid='recount'>
      <Text className='admin__title'>复核重算</Text>
      <Text className='admin__sub'>从每一张原始评价票重新计票，并与计数、摘要和已公布的默克尔根逐一核对。</Text>
      <Button size='small' loading={busy} data-testid='recount-run' onClick={() => act('复核重算', async () => setReport(await recountRound(roundId)))}>开始复核</Button>
      {report && (
        <View data-testid='recount-report'>
          <Text className='admin__sub'>{`原始评价票 ${report.ballots} 张，计数合计 ${report.tallied} 张，已作废 ${report.voided} 张`}</Text>
          <Text className={`admin__sub ${problems > 0 || rootDiffers ? 'admin__error' : ''}`} data-testid='recount-verdict'>
            {problems === 0 && !rootDiffers ? '复核一致' : `发现 ${problems} 处不一致${rootDiffers ? '，默克尔根与已公布版本不同' : ''}，请暂停发布并联系技术人员`}
          </Text>
          {report.mismatches.slice(0, 20).map((m, i) => (
            <Text key={i} className='admin__sub admin__error'>{`${m.targetId}（${m.channel}）${m.cell}：原始票 ${m.fromBallots}，计数 ${m.fromTallies}`}</Text>
          ))}
          {report.tree.published && <Text className='admin__sub'>{`已公布第 ${report.tree.published.version} 版：${report.tree.published.size} 张，根 ${report.tree.published.root.slice(0, 16)}…`}</Text>}
        </View>
      )}
    </View>
  );
}
