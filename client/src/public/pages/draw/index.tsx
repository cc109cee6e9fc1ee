import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { DrawSummary } from '@shared/api/panels';
import { CATEGORY_LABELS } from '@shared/model/representative';
import { Notice } from '../../../components/notice';
import { CarePage } from '../../../components/care-page';
import { userMessage } from '../../../api/errors';
import { API_BASE } from '../../../api/config';
import { getDraw, getDrawRecord } from '../../../api/draws';
import { formatTime } from '../../../lib/format';
import { checkDraw } from '../../lib/check-draw';
import './index.scss';

const STATUS: Record<DrawSummary['status'], string> = { committed: '已公布承诺值，等待各方揭示', drawn: '已抽取', failed: '抽取失败' };
const label = (stratum: string) => CATEGORY_LABELS[stratum] ?? stratum;

/** A draw as published, and a button that re-runs it on this device from the full record. */
function DrawView() {
  const id = useRouter().params.id ?? '';
  const [draw, setDraw] = useState<DrawSummary>();
  const [error, setError] = useState<string>();
  const [check, setCheck] = useState<{ busy: boolean; problems?: string[] }>({ busy: false });

  useEffect(() => {
    getDraw(id).then(setDraw, (e) => setError(userMessage(e)));
  }, [id]);

  const verify = async () => {
    if (!draw) return;
    setCheck({ busy: true });
    try {
      setCheck({ busy: false, problems: checkDraw(draw, await getDrawRecord(id)) });
    } catch (e) {
      setCheck({ busy: false, problems: [userMessage(e)] });
    }
  };
  // H5 serves the API on its own origin (a relative base); the mini-program's base is absolute.
  const base = /^https?:/.test(API_BASE) ? API_BASE : `${window.location.origin}${API_BASE}`;
  const recordUrl = `${base}/draws/${encodeURIComponent(id)}/record`;

  if (error) return <Notice tone='error'>{error}</Notice>;
  if (!draw) return <Notice>正在加载…</Notice>;
  return (
    <View className='draw'>
      <View className='draw__card'>
        <Text className='draw__title'>{draw.label}</Text>
        <Text className='draw__sub' data-testid='draw-status'>{STATUS[draw.status]}</Text>
        <Text className='draw__sub'>{`承诺时间 ${formatTime(draw.committedAt)}${draw.drawnAt ? ` · 抽取时间 ${formatTime(draw.drawnAt)}` : ''}`}</Text>
      </View>
      <View className='draw__card'>
        <Text className='draw__head'>{`样本池 ${draw.poolSize} 人（已排除被评单位工作人员及其家庭成员）`}</Text>
        <Text className='draw__hash' userSelect>{draw.poolHash}</Text>
        <Text className='draw__head'>{`抽取 ${draw.n} 人，名额分配（最大余额法）`}</Text>
        {Object.entries(draw.quotas).map(([s, q]) => <Text key={s} className='draw__sub' data-testid={`quota-${s}`}>{`${label(s)}：${q} 人`}</Text>)}
      </View>
      <View className='draw__card'>
        <Text className='draw__head'>各方事先公布的承诺值</Text>
        {draw.commitments.map((c) => (
          <View key={c.party}>
            <Text className='draw__sub'>{c.party}</Text>
            <Text className='draw__hash' userSelect>{c.commitment}</Text>
          </View>
        ))}
        {draw.seed && (
          <View>
            <Text className='draw__head'>随机种子（由各方揭示的数值计算）</Text>
            <Text className='draw__hash' userSelect data-testid='draw-seed'>{draw.seed}</Text>
          </View>
        )}
      </View>
      {draw.selection && (
        <View className='draw__card' data-testid='draw-selection'>
          <Text className='draw__head'>抽取结果（代表编号）</Text>
          {draw.selection.map((s) => <Text key={s.stratum} className='draw__sub'>{`${label(s.stratum)}：${s.ids.join('、')}`}</Text>)}
          {(draw.shortfall ?? []).map((s) => <Text key={s.stratum} className='draw__warn'>{`${label(s.stratum)} 缺额：需 ${s.needed} 人，抽到 ${s.drawn} 人`}</Text>)}
        </View>
      )}
      <View className='draw__card'>
        <Text className='draw__head'>自行核验</Text>
        <Text className='draw__sub'>任何人都可以下载完整抽取记录，用公开的程序重新抽取一遍，结果必须逐位一致。</Text>
        <Text className='draw__link' userSelect onClick={() => void Taro.setClipboardData({ data: recordUrl })}>{recordUrl}</Text>
        <Text className='draw__sub'>命令行：npm run verify-draw -- 记录文件.json</Text>
        {draw.status !== 'committed' && (
          <Button type='primary' block loading={check.busy} disabled={check.busy} onClick={verify} data-testid='draw-verify'>在本机重新抽取并核对</Button>
        )}
        {check.problems && check.problems.length === 0 && <Notice tone='ok' testId='draw-verified'>核验通过：本机重新抽取的结果与公示结果完全一致</Notice>}
        {check.problems && check.problems.length > 0 && <Notice tone='error' testId='draw-mismatch'>{`核验不一致：${check.problems.join('；')}`}</Notice>}
      </View>
    </View>
  );
}

/** In the care-mode frame: anyone may read it, the elderly included (适老化). */
export default function DrawPage() {
  return <CarePage><DrawView /></CarePage>;
}
