import { useEffect, useMemo, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text, Input, Textarea } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { z } from 'zod';
import type { AuditLogResponse } from '@shared/api/publication';
import type { TargetInputsTable } from '@shared/api/target-inputs';
import type { FieldValue } from '@shared/target-inputs/fields';
import { Notice } from '../../../components/notice';
import { ApiError, userMessage } from '../../../api/errors';
import { getInputsTable, setTargetInputs } from '../../../api/inputs';
import { downloadInputsTemplate, pickWorkbook, uploadInputsWorkbook } from '../../../api/inputs-workbook';
import { roundAudit } from '../../../api/review';
import { formatTime } from '../../../lib/format';
import { requireAdmin } from '../../lib/admin-guard';
import { cellValue, parsePasted } from '../../lib/paste-table';
import '../rounds/index.scss';
import './index.scss';

type Entry = z.infer<typeof AuditLogResponse>['entries'][number];
const key = (targetId: string, field: string) => `${targetId}|${field}`;
const shown = (v: FieldValue | null | undefined) => (v === null || v === undefined ? '空' : typeof v === 'number' ? String(v) : `${v.ballots} 份计数`);

/** The server's sentence for one refused cell: the problem naming it, else the error's own. */
function cellMessage(e: unknown): string {
  if (e instanceof ApiError) {
    const d = e.details as { problems?: Array<{ message: string }>; message?: string } | undefined;
    return d?.problems?.[0]?.message ?? d?.message ?? e.message;
  }
  return userMessage(e);
}

/**
 * The office enters per-target inputs in a table: one row per unit, one column per field the
 * round's scheme reads (服务人次, 工作考核分, 到会人数 …). Cells can be typed or pasted from
 * Excel; 保存 sends each changed cell on its own (with the value the clerk saw, so a colleague's
 * change is never overwritten) and shows a refused cell's reason beside it. Below, every change
 * from the round's audit log: who, when, old → new.
 */
export default function InputsPage() {
  const roundId = useRouter().params.id ?? '';
  const [session] = useState(() => requireAdmin(`/admin/pages/inputs/index?id=${roundId}`));
  const [table, setTable] = useState<TargetInputsTable>();
  const [audit, setAudit] = useState<Entry[]>([]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [paste, setPaste] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string }>();
  const [workbookProblems, setWorkbookProblems] = useState<string[]>([]);

  const reload = async () => {
    const [t, a] = await Promise.all([getInputsTable(roundId), roundAudit(roundId)]);
    setTable(t);
    setAudit(a.entries.filter((e) => e.action === 'set_target_input' || e.action === 'correct_target_input').reverse());
  };
  useEffect(() => {
    if (session) reload().catch((e) => setNotice({ tone: 'error', text: userMessage(e) }));
  }, [session, roundId]);

  const names = useMemo(() => new Map((table?.targets ?? []).map((t) => [t.targetId, t.name])), [table]);
  const labels = useMemo(() => new Map((table?.columns ?? []).map((c) => [c.field, c.label])), [table]);
  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  if (!table) return notice ? <Notice tone='error'>{notice.text}</Notice> : <Notice>正在加载…</Notice>;

  const stored = (targetId: string, field: string) => table.targets.find((t) => t.targetId === targetId)?.fields[field];
  const dirty = Object.entries(drafts).filter(([k, text]) => {
    const [t, f] = k.split('|') as [string, string];
    const s = stored(t, f);
    return text.trim() !== (s === undefined ? '' : String(s));
  });

  const applyPaste = () => {
    const { cells, errors: problems } = parsePasted(paste, table.targets, table.columns);
    setDrafts((d) => ({ ...d, ...Object.fromEntries(cells.map((c) => [key(c.targetId, c.field), c.text])) }));
    setNotice(problems.length > 0 ? { tone: 'error', text: problems.join('；') } : { tone: 'ok', text: `已填入 ${cells.length} 个单元格，请核对后保存` });
  };

  const save = async () => {
    setBusy(true);
    const failed: Record<string, string> = {};
    let saved = 0;
    for (const [k, text] of dirty) {
      const [targetId, field] = k.split('|') as [string, string];
      const parsed = cellValue(text);
      if ('error' in parsed) {
        failed[k] = `${names.get(targetId) ?? targetId}：${labels.get(field) ?? field}${parsed.error}`;
        continue;
      }
      try {
        const before = stored(targetId, field);
        await setTargetInputs(roundId, targetId, { set: { [field]: parsed.value }, expected: { [field]: before ?? null }, ...(table.locked ? { correctionReason: reason.trim() } : {}) });
        saved++;
      } catch (e) {
        failed[k] = cellMessage(e);
      }
    }
    setErrors(failed);
    setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k in failed)));
    setNotice(Object.keys(failed).length > 0 ? { tone: 'error', text: `已保存 ${saved} 项，${Object.keys(failed).length} 项未保存（见表中红框）` } : { tone: 'ok', text: `已保存 ${saved} 项` });
    await reload().catch(() => undefined);
    setBusy(false);
  };

  /** Excel in a browser only: the mini-program has no file picker for .xlsx. */
  const inBrowser = process.env.TARO_ENV === 'h5';
  const download = async () => {
    try {
      const name = await downloadInputsTemplate(roundId);
      setNotice({ tone: 'ok', text: `已下载“${name}”：在“单位录入”表中填写，保存后上传` });
    } catch (e) {
      setNotice({ tone: 'error', text: userMessage(e) });
    }
  };
  const upload = async () => {
    const file = await pickWorkbook();
    if (!file) return;
    setBusy(true);
    setWorkbookProblems([]);
    try {
      const { changed } = await uploadInputsWorkbook(roundId, file, table.locked ? reason.trim() : undefined);
      setNotice({ tone: 'ok', text: changed.length > 0 ? `已从“${file.name}”导入 ${changed.length} 项修改` : `“${file.name}”与系统中的数据一致，没有修改` });
      await reload().catch(() => undefined);
    } catch (e) {
      const problems = e instanceof ApiError ? ((e.details as { problems?: Array<{ message: string }> } | undefined)?.problems ?? []) : [];
      setWorkbookProblems(problems.map((p) => p.message));
      setNotice({ tone: 'error', text: problems.length > 0 ? `“${file.name}”有 ${problems.length} 处错误，未导入任何数据：` : cellMessage(e) });
    }
    setBusy(false);
  };

  const pending = table.targets.reduce((n, t) => n + t.missing.length, 0);
  return (
    <View className='admin'>
      <View className='admin__card'>
        <Text className='admin__title'>录入数据</Text>
        <Text className='admin__sub' data-testid='inputs-summary'>{pending > 0 ? `还有 ${pending} 项待录入，录完后才能发布` : '数据已录齐'}</Text>
        {table.locked && <Text className='admin__sub'>本轮结果已发布：修改须填写更正理由，发布更正版本后才对外公开。</Text>}
      </View>
      {notice && <Notice tone={notice.tone} testId='inputs-message'>{notice.text}</Notice>}
      {workbookProblems.length > 0 && (
        <View className='admin__card' data-testid='inputs-xlsx-problems'>
          {workbookProblems.map((p, i) => <Text key={i} className='inputs__problem'>{p}</Text>)}
        </View>
      )}
      <View className='admin__card'>
        <Text className='admin__label'>Excel 模板（按本轮评议方案生成：单位、分组和各项录入列）</Text>
        {inBrowser ? (
          <>
            <Button block onClick={download} data-testid='inputs-xlsx-download'>下载录入模板</Button>
            <Button block type='primary' loading={busy} disabled={busy || (table.locked && reason.trim().length < 2)} onClick={upload} data-testid='inputs-xlsx-upload'>
              上传填好的模板
            </Button>
            <Text className='admin__sub'>上传时先检查全部单元格，有错误则不导入任何数据；空白单元格不修改。{table.locked ? '已发布的轮次须先在下方填写更正理由。' : ''}</Text>
          </>
        ) : (
          <Text className='admin__sub'>请在电脑浏览器中打开本页下载和上传 Excel 模板。</Text>
        )}
      </View>
      <View className='admin__card'>
        <Text className='admin__label'>从 Excel 粘贴（第一列为单位名称，第一行可为表头）</Text>
        <Textarea className='admin__textarea' value={paste} maxlength={-1} onInput={(e) => setPaste(e.detail.value)} data-testid='inputs-paste' />
        <Button block onClick={applyPaste} data-testid='inputs-paste-apply'>填入表格</Button>
      </View>
      <View className='admin__card'>
        <View className='inputs__scroll'>
          <View className='inputs__table' data-testid='inputs-table'>
            <View className='inputs__row'>
              <Text className='inputs__cell inputs__head inputs__name'>单位</Text>
              {table.columns.map((c) => <Text key={c.field} className='inputs__cell inputs__head'>{c.label}</Text>)}
            </View>
            {table.targets.map((t) => (
              <View key={t.targetId} className='inputs__row' data-testid={`inputs-row-${t.targetId}`}>
                <Text className='inputs__cell inputs__name'>{`${t.name}（${t.groupLabel}）`}</Text>
                {table.columns.map((c) => {
                  const k = key(t.targetId, c.field);
                  if (!t.applies.includes(c.field))
                    return (
                      <View key={c.field} className='inputs__cell inputs__na' data-testid={`cell-${t.targetId}-${c.field}`}>
                        <Text>不适用</Text>
                        {errors[k] && <Text className='inputs__error' data-testid='cell-error'>{errors[k]}</Text>}
                      </View>
                    );
                  const s = t.fields[c.field];
                  const missing = t.missing.some((m) => m.field === c.field);
                  const value = drafts[k] ?? (s === undefined ? '' : String(s));
                  const cls = errors[k] ? 'is-error' : drafts[k] !== undefined ? 'is-dirty' : missing ? 'is-missing' : '';
                  return (
                    <View key={c.field} className='inputs__cell' data-testid={`cell-${t.targetId}-${c.field}`}>
                      <Input className={`inputs__input ${cls}`} type='digit' value={value} placeholder={missing ? '待录入' : ''} onInput={(e) => setDrafts((d) => ({ ...d, [k]: e.detail.value }))} />
                      {errors[k] && <Text className='inputs__error' data-testid='cell-error'>{errors[k]}</Text>}
                    </View>
                  );
                })}
              </View>
            ))}
          </View>
        </View>
        {table.locked && (
          <>
            <Text className='admin__label'>更正理由（必填）</Text>
            <Input className='admin__input' value={reason} onInput={(e) => setReason(e.detail.value)} data-testid='inputs-reason' />
          </>
        )}
        <Button type='primary' block loading={busy} disabled={busy || dirty.length === 0 || (table.locked && reason.trim().length < 2)} onClick={save} data-testid='inputs-save'>
          {dirty.length > 0 ? `保存 ${dirty.length} 项修改` : '保存'}
        </Button>
      </View>
      <View className='admin__card' data-testid='inputs-audit'>
        <Text className='admin__title'>变更记录</Text>
        {audit.length === 0 && <Text className='admin__sub'>暂无变更</Text>}
        {audit.map((e) => {
          const d = e.details as { targetId?: string; field?: string; old?: FieldValue | null; new?: FieldValue | null };
          return (
            <Text key={e.entryId} className='inputs__audit' data-testid='input-audit-entry'>
              {`${formatTime(e.at)} ${e.actor} ${names.get(d.targetId ?? '') ?? d.targetId} ${labels.get(d.field ?? '') ?? d.field}：${shown(d.old)} → ${shown(d.new)}${e.action === 'correct_target_input' ? `（更正：${e.reason}）` : ''}`}
            </Text>
          );
        })}
      </View>
    </View>
  );
}
