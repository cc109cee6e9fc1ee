import { useEffect, useState } from 'react';
import { View, Text, Textarea } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { z } from 'zod';
import { CsvRowError } from '@shared/api/org';
import { CATEGORY_LABELS, REPRESENTATIVE_CSV_HEADER_ZH } from '@shared/model/representative';
import type { Representative } from '@shared/model/representative';
import { Notice } from '../../../components/notice';
import { ApiError, userMessage } from '../../../api/errors';
import { importRepresentatives, listRepresentatives } from '../../../api/panels';
import { requireAdmin } from '../../lib/admin-guard';
import '../rounds/index.scss';

const TEMPLATE = `${REPRESENTATIVE_CSV_HEADER_ZH.join(',')}\nR0001,张三,服务对象,城关镇,,H001\nR0002,李四,两代表一委员,,u-gaj,`;
const SHOWN = 50;

/**
 * The 评议代表库: paste the template (an Excel sheet saved as CSV), import all rows or none, and
 * read who is in it per category. Names are read under the office audit log.
 */
export default function RepresentativesPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/representatives/index'));
  const [csv, setCsv] = useState(TEMPLATE);
  const [reps, setReps] = useState<Representative[]>();
  const [filter, setFilter] = useState<string>();
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string; rows?: CsvRowError[] }>();

  const reload = () => listRepresentatives().then((r) => setReps(r.representatives), (e) => setResult({ tone: 'error', text: userMessage(e) }));
  useEffect(() => {
    if (session) void reload();
  }, [session]);

  const submit = async () => {
    try {
      const r = await importRepresentatives(csv.trim() + '\n');
      setResult({ tone: 'ok', text: `已导入 ${r.imported} 人（新增 ${r.created}，更新 ${r.updated}）` });
      await reload();
    } catch (e) {
      const rows = e instanceof ApiError ? z.array(CsvRowError).safeParse((e.details as { errors?: unknown })?.errors) : undefined;
      setResult({ tone: 'error', text: userMessage(e), rows: rows?.success ? rows.data : undefined });
    }
  };

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  const counts = new Map<string, number>();
  for (const r of reps ?? []) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  const shown = (reps ?? []).filter((r) => !filter || r.category === filter);
  return (
    <View className='admin'>
      <View className='admin__card'>
        <Text className='admin__title'>导入评议代表</Text>
        <Text className='admin__sub'>{`表头：${REPRESENTATIVE_CSV_HEADER_ZH.join('，')}。类别填写中文名称（${Object.values(CATEGORY_LABELS).join('、')}）；工作单位编号用于回避本单位；同一户填相同户号。编号已有的人员将被更新。`}</Text>
        <Textarea className='admin__textarea' value={csv} maxlength={-1} onInput={(e) => setCsv(e.detail.value)} data-testid='reps-csv' />
        <Button type='primary' block onClick={submit} data-testid='reps-import'>导入</Button>
      </View>
      {result && <Notice tone={result.tone} testId='reps-message'>{result.text}</Notice>}
      {result?.rows?.map((r, i) => <Notice key={i} tone='error' testId='reps-row-error'>{`第 ${r.line} 行${r.field ? `（${r.field}）` : ''}：${r.message}`}</Notice>)}
      <View className='admin__card' data-testid='reps-list'>
        <Text className='admin__title'>{`代表库（共 ${reps?.length ?? 0} 人）`}</Text>
        <View className='admin__chips'>
          <Text className={`admin__chip ${!filter ? 'is-on' : ''}`} onClick={() => setFilter(undefined)}>全部</Text>
          {[...counts].map(([c, n]) => (
            <Text key={c} className={`admin__chip ${filter === c ? 'is-on' : ''}`} data-testid={`reps-cat-${c}`} onClick={() => setFilter(c)}>{`${CATEGORY_LABELS[c] ?? c} ${n}`}</Text>
          ))}
        </View>
        {shown.slice(0, SHOWN).map((r) => (
          <Text key={r.id} className='admin__sub'>{`${r.id} ${r.name} · ${CATEGORY_LABELS[r.category] ?? r.category}${r.area ? ` · ${r.area}` : ''}`}</Text>
        ))}
        {shown.length > SHOWN && <Text className='admin__sub'>{`另有 ${shown.length - SHOWN} 人未列出`}</Text>}
      </View>
    </View>
  );
}
