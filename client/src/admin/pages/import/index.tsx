import { useState } from 'react';
import { View, Text, Textarea } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { CSV_HEADER_ZH, CsvRowError } from '@shared/api/org';
import { z } from 'zod';
import { Notice } from '../../../components/notice';
import { ApiError, userMessage } from '../../../api/errors';
import { importNodes } from '../../../api/admin';
import { requireAdmin } from '../../lib/admin-guard';
import { PhoneSurveyImport } from '../../components/phone-survey-import';
import '../rounds/index.scss';

const EXAMPLE = `${CSV_HEADER_ZH.join(',')}\n组别,c-zf,执法监督组,,\n单位,u-gaj,县公安局,c-zf,\n科室,s-hz,户政科,u-gaj,\n窗口,w-hz1,户籍1号窗口,s-hz,`;

/** Paste the organisation as CSV; the server imports all rows or none and names the bad lines. */
export default function ImportPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/import/index'));
  const [csv, setCsv] = useState(EXAMPLE);
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string; rows?: CsvRowError[] }>();

  const submit = async () => {
    try {
      const r = await importNodes(csv.trim() + '\n');
      setResult({ tone: 'ok', text: `已导入 ${r.created} 个节点` });
    } catch (e) {
      const rows = e instanceof ApiError ? z.array(CsvRowError).safeParse((e.details as { errors?: unknown })?.errors ?? e.details) : undefined;
      setResult({ tone: 'error', text: userMessage(e), rows: rows?.success ? rows.data : undefined });
    }
  };

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  return (
    <View className='admin'>
      <View className='admin__card'>
        <Text className='admin__sub'>{`表头：${CSV_HEADER_ZH.join('，')}；上级写在下级之前。类型填 组别、单位、科室 或 窗口；编号用字母、数字（最多 12 位）；表单可不填。`}</Text>
        <Textarea className='admin__textarea' value={csv} maxlength={-1} onInput={(e) => setCsv(e.detail.value)} data-testid='org-csv' />
        <Button type='primary' block onClick={submit} data-testid='org-import'>导入</Button>
      </View>
      {result && <Notice tone={result.tone} testId='org-import-message'>{result.text}</Notice>}
      {result?.rows?.map((r, i) => <Notice key={i} tone='error'>{`第 ${r.line} 行${r.field ? `（${r.field}）` : ''}：${r.message}`}</Notice>)}
      <View className='admin__card'>
        <Text className='admin__title'>导入电话测评结果</Text>
        <PhoneSurveyImport />
      </View>
    </View>
  );
}
