import { useEffect, useState } from 'react';
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { z } from 'zod';
import type { HearingTally } from '@shared/api/panels';
import type { BallotForm } from '@shared/model/form';
import { Notice } from '../../../components/notice';
import { userMessage } from '../../../api/errors';
import { getRound } from '../../../api/staff';
import { hearingTally } from '../../../api/review';
import { formatTime } from '../../../lib/format';
import { requireAdmin } from '../../lib/admin-guard';
import '../rounds/index.scss';

/** Sheets arrive from the representatives' phones during the session; the chair's screen follows. */
const REFRESH_MS = 5_000;

/** 听证评议 on the spot: per unit, sheets in of expected, the answers per item, the hearing score so far. */
export default function HearingPage() {
  const { round: roundId = '', id = '' } = useRouter().params;
  const [session] = useState(() => requireAdmin(`/admin/pages/hearing/index?round=${roundId}&id=${id}`));
  const [form, setForm] = useState<BallotForm>();
  const [tally, setTally] = useState<z.infer<typeof HearingTally>>();
  const [at, setAt] = useState<string>();
  const [error, setError] = useState<string>();
  const [visible, setVisible] = useState(true);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  useEffect(() => {
    if (session) getRound(roundId).then((v) => setForm(v.forms.hearing), (e) => setError(userMessage(e)));
  }, [session, roundId]);
  useEffect(() => {
    if (!session || !visible) return undefined;
    const load = () => hearingTally(roundId, id).then((t) => { setTally(t); setAt(new Date().toISOString()); setError(undefined); }, (e) => setError(userMessage(e)));
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [session, visible, roundId, id]);

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  if (!tally) return error ? <Notice tone='error'>{error}</Notice> : <Notice>正在加载…</Notice>;
  return (
    <View className='admin'>
      <View className='admin__card'>
        <Text className='admin__title'>{tally.hearing.name}</Text>
        <Text className='admin__sub'>{`评议代表 ${tally.hearing.representatives} 人 · 截止 ${formatTime(tally.hearing.expiresAt)}${at ? ` · 更新于 ${formatTime(at)}` : ''}`}</Text>
      </View>
      {error && <Notice tone='error'>{`刷新失败：${error}`}</Notice>}
      {tally.targets.map((t) => (
        <View key={t.targetId} className='admin__card' data-testid={`hearing-${t.targetId}`}>
          <Text className='admin__title'>{t.targetName}</Text>
          <Text className='admin__sub' data-testid='sheets'>{`已收回 ${t.sheets} / ${t.expected} 份`}</Text>
          <Text className='admin__sub' data-testid='score'>{t.score === null ? '暂无得分' : `听证得分 ${t.score.toFixed(2)}`}</Text>
          {(form?.items ?? []).map((item) => (
            <Text key={item.id} className='admin__sub'>
              {`${item.label}：${item.options.map((o) => `${o.label} ${t.answers[item.id]?.[o.value] ?? 0}`).join(' · ')}`}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
