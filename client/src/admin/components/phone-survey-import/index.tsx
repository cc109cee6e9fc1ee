import { useEffect, useState } from 'react';
import { View, Text, Textarea } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { Round } from '@shared/model/round';
import { ApiError, userMessage } from '../../../api/errors';
import { getRound, listRounds } from '../../../api/staff';
import { importPhoneSurvey } from '../../../api/panels';
import { Notice } from '../../../components/notice';

/**
 * 电话测评 results from the call centre: one row per call (callId, target id, the phone form's
 * items). The whole file is checked first; importing it again counts nothing twice.
 */
export function PhoneSurveyImport() {
  const [rounds, setRounds] = useState<Round[]>([]);
  const [roundId, setRoundId] = useState<string>();
  const [header, setHeader] = useState<string>();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string }>();
  useEffect(() => {
    listRounds().then((r) => {
      const phone = r.rounds.filter((x) => x.status === 'open' && x.channels.includes('phone'));
      setRounds(phone);
      setRoundId(phone[0]?.id);
    }, (e) => setResult({ tone: 'error', text: userMessage(e) }));
  }, []);
  useEffect(() => {
    if (roundId) getRound(roundId).then((v) => {
      const form = v.forms.phone ?? v.forms.default;
      const h = ['callId', 'targetId', ...(form?.items.map((i) => i.id) ?? [])].join(',');
      setHeader(h);
      setCsv((c) => c || `${h}\n`);
    }, () => setHeader(undefined));
  }, [roundId]);
  if (rounds.length === 0) return <Text className='admin__sub'>没有进行中、采用电话测评的评议轮次</Text>;
  return (
    <View data-testid='phone-survey'>
      <View className='admin__chips'>
        {rounds.map((r) => <Text key={r.id} className={`admin__chip ${roundId === r.id ? 'is-on' : ''}`} onClick={() => setRoundId(r.id)}>{r.name}</Text>)}
      </View>
      {header && <Text className='admin__sub'>{`表头：${header}（callId 为通话编号，targetId 为被评对象编号，其余各列填选项代码）`}</Text>}
      <Textarea className='admin__textarea' value={csv} maxlength={-1} onInput={(e) => setCsv(e.detail.value)} data-testid='phone-csv' />
      <Button type='primary' block data-testid='phone-import' onClick={async () => {
        if (!roundId) return;
        try {
          const r = await importPhoneSurvey(roundId, csv.trim() + '\n');
          setResult({ tone: 'ok', text: `共 ${r.rows} 行：计入 ${r.accepted} 张，已导入过 ${r.replayed} 张` });
        } catch (e) {
          // The store failing mid-file leaves some rows in: say so in the office's words, and that a re-import is safe.
          const busy = e instanceof ApiError && e.code === 'STORE_UNAVAILABLE';
          setResult({ tone: 'error', text: busy ? '系统繁忙，本次导入可能只完成了一部分；请再次导入同一文件，已计入的通话不会重复计入' : userMessage(e) });
        }
      }}>导入电话测评</Button>
      {result && <Notice tone={result.tone} testId='phone-message'>{result.text}</Notice>}
    </View>
  );
}
