import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import type { MismatchList } from '@shared/api/paper';
import type { Answers, BallotForm as Form } from '@shared/model/form';
import { Notice } from '../../../components/notice';
import { BallotForm, type BallotInput } from '../../../components/ballot-form';
import { listMismatches, resolveMismatch } from '../../../api/paper';
import { formatTime } from '../../../lib/format';
import { requireAdmin } from '../../lib/admin-guard';
import { useAdminAction } from '../../lib/use-admin-action';
import '../rounds/index.scss';
import '../paper/index.scss';

type Mismatch = MismatchList['mismatches'][number];
type Keying = Mismatch['first'];

/** What a keying says, in the form's own words. */
function said(form: Form, k: Keying): string[] {
  const label = (itemId: string, v: string) => form.items.find((i) => i.id === itemId)?.options.find((o) => o.value === v)?.label ?? v;
  const lines = form.items.map((i) => {
    const v = (k.answers as Answers)[i.id];
    const text = v === undefined ? '（未填）' : Array.isArray(v) ? v.map((x) => label(i.id, x)).join('、') || '（未填）' : label(i.id, v);
    return `${i.label}：${text}`;
  });
  if (k.comment) lines.push(`意见：${k.comment}`);
  if (k.postmarkedOn) lines.push(`邮戳：${k.postmarkedOn}`);
  if (k.filledOn) lines.push(`填表日期：${k.filledOn}`);
  return lines;
}

/**
 * Forms whose two keyings disagree, both side by side. A supervisor who keyed neither reads the
 * paper and keys what it says, with a reason; that reading counts, and the decision, both
 * keyings and the reason go to the round's audit log.
 */
export default function PaperMismatchesPage() {
  const roundId = useRouter().params.id ?? '';
  const [session] = useState(() => requireAdmin(`/admin/pages/paper-mismatches/index?id=${roundId}`));
  const [list, setList] = useState<Mismatch[]>();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const reload = async () => setList((await listMismatches(roundId)).mismatches);
  const { busy, message, act, fail } = useAdminAction(reload);
  useEffect(() => {
    if (session) reload().catch(fail);
  }, [session, roundId]);

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  const decide = (m: Mismatch, input: BallotInput) => {
    const reason = (reasons[m.serial] ?? '').trim();
    const dates = { ...(m.first.postmarkedOn ? { postmarkedOn: m.first.postmarkedOn } : {}), ...(m.first.filledOn ? { filledOn: m.first.filledOn } : {}) };
    return act(`裁定 ${m.serial}`, () => resolveMismatch(roundId, m.serial, { ...input, ...dates, reason }));
  };

  return (
    <View className='admin'>
      <View className='admin__card'>
        <Text className='admin__title'>录入分歧裁定</Text>
        <Text className='admin__sub'>请调出纸质原件核对，按原件勾选并写明理由。录入过这份表的人不能裁定。</Text>
      </View>
      {message && <Notice tone={message.tone} testId='mismatch-message'>{message.text}</Notice>}
      {list?.length === 0 && <Notice tone='ok'>没有待裁定的分歧</Notice>}
      {list?.map((m) => {
        const reason = reasons[m.serial] ?? '';
        return (
          <View key={m.serial} className='admin__card' data-testid={`mismatch-${m.serial}`}>
            <Text className='admin__title'>{m.targetName}</Text>
            <Text className='admin__sub'>{`编号 ${m.serial}`}</Text>
            <View className='paper__side'>
              {[m.first, m.second].map((k, i) => (
                <View key={i} className='paper__col'>
                  <Text className='admin__label'>{`第${i === 0 ? '一' : '二'}遍（${k.clerk}，${formatTime(k.at)}）`}</Text>
                  {said(m.form, k).map((line) => <Text key={line} style={{ display: 'block' }}>{line}</Text>)}
                </View>
              ))}
            </View>
            <Text className='admin__label'>裁定理由（必填，至少 2 个字）</Text>
            <Input className='admin__input' value={reason} onInput={(e) => setReasons((r) => ({ ...r, [m.serial]: e.detail.value }))} data-testid='mismatch-reason' />
            {reason.trim().length < 2 ? (
              <Text className='admin__sub'>填写理由后按原件勾选并提交</Text>
            ) : (
              <BallotForm form={m.form} submitting={busy} onSubmit={(input) => decide(m, input)} />
            )}
          </View>
        );
      })}
    </View>
  );
}
