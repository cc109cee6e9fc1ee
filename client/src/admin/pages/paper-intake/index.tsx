import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { KeyReturnResponse, SerialView } from '@shared/api/paper';
import { PAPER_KIND_RULES } from '@shared/paper/kinds';
import { displaySerial, parseSerial } from '@shared/paper/serial';
import { serialFromScan } from '@shared/paper/scan';
import { Notice } from '../../../components/notice';
import { BallotForm, type BallotInput } from '../../../components/ballot-form';
import { userMessage } from '../../../api/errors';
import { keyReturn, lookupSerial } from '../../../api/paper';
import { requireAdmin } from '../../lib/admin-guard';
import '../rounds/index.scss';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STATUS: Record<SerialView['status'], string> = {
  not_returned: '未录入',
  keyed_once: '已录入一遍，等待第二遍',
  mismatch: '两遍不一致，等待主管裁定',
  counted: '已计入',
  superseded: '已在线填写过，纸质表不再计入',
  online: '已扫码在线填写，纸质表不再计入',
};
const OUTCOME: Record<KeyReturnResponse['status'], string> = {
  awaiting_second: '已录入第一遍。请交另一名录入员背对背录入第二遍。',
  counted: '两遍录入一致，已计入。',
  mismatch: '两遍录入不一致，已转主管裁定。',
};

/**
 * Double-entry intake of returned forms. The clerk scans the form's QR (in the mini-program with
 * the phone's camera, 扫码; in H5 a USB scanner types its link and Enter) or types the serial; the page shows the target in full and the form, and the
 * clerk keys what the paper says. Never what a colleague keyed: the second keying is blind.
 * Envelope forms after the round closed need the postmark date; dated sheets (hearing,
 * monitor, inspection, visit) their own date, which may be earlier than today (audited).
 */
export default function PaperIntakePage() {
  const roundId = useRouter().params.id ?? '';
  const [session] = useState(() => requireAdmin(`/admin/pages/paper-intake/index?id=${roundId}`));
  const [typed, setTyped] = useState('');
  const [view, setView] = useState<SerialView>();
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string }>();
  const [keyed, setKeyed] = useState(0);

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;

  const find = async (input: string = typed) => {
    const serial = parseSerial(input);
    if (!serial) {
      setView(undefined);
      setNotice({ tone: 'error', text: '编号无效，请核对测评表上的编号（可能输错或漏输了一位）' });
      return;
    }
    setBusy(true);
    try {
      const v = await lookupSerial(serial);
      if (v.roundId !== roundId) throw new Error(`该表属于“${v.roundName}”，不是本轮的表`);
      setView(v);
      setDate('');
      setNotice(undefined);
    } catch (e) {
      setView(undefined);
      setNotice({ tone: 'error', text: e instanceof Error && !('code' in e) ? e.message : userMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  // The mini-program has the phone's camera; H5 keeps the typed serial and the USB scanner, which types the QR's link and Enter.
  const scan = async () => {
    let result: { result?: string; path?: string; scanType?: string };
    try {
      result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    } catch (e) {
      if (!/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))) setNotice({ tone: 'error', text: '无法打开相机扫码，请输入表上的编号' });
      return;
    }
    const read = serialFromScan(result);
    if (!read.ok) {
      setView(undefined);
      setNotice({ tone: 'error', text: read.reason === 'unreadable' ? '二维码上的编号无法核验（可能印刷不清或被改动），请核对后手工输入编号' : '这不是测评表上的二维码，请扫描表右上角的二维码' });
      return;
    }
    setTyped(read.display);
    await find(read.serial);
  };

  const dated = view ? PAPER_KIND_RULES[view.kind].dated : false;
  const needsDate = view ? view.roundClosed && !dated : false;
  const dateOk = date === '' ? !needsDate : DAY.test(date);
  const keyable = view !== undefined && !view.keyedByYou && (view.status === 'not_returned' || view.status === 'keyed_once');

  const submit = async (input: BallotInput) => {
    if (!view || !dateOk) return;
    setBusy(true);
    try {
      const r = await keyReturn(roundId, { serial: view.serial, ...input, ...(date ? (dated ? { filledOn: date } : { postmarkedOn: date }) : {}) });
      setNotice({ tone: r.status === 'mismatch' ? 'error' : 'ok', text: `${displaySerial(r.serial)}：${OUTCOME[r.status]}` });
      setView(undefined);
      setTyped('');
      setKeyed((n) => n + 1);
    } catch (e) {
      setNotice({ tone: 'error', text: userMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='admin'>
      <View className='admin__card'>
        <Text className='admin__title'>录入回收的测评表</Text>
        <Text className='admin__sub'>每份表由两名录入员分别录入，互不查看；两遍一致才计入，不一致的交主管裁定。</Text>
        <Text className='admin__label'>扫描表上二维码，或输入编号</Text>
        <Input className='admin__input' value={typed} focus confirmType='search' placeholder='例如 7K2M-9XPQ-4D1C' onInput={(e) => setTyped(e.detail.value)} onConfirm={() => find()} data-testid='intake-serial' />
        <Button block loading={busy} disabled={busy || typed.trim() === ''} onClick={() => find()} data-testid='intake-find'>查找</Button>
        {process.env.TARO_ENV === 'weapp' && <Button block type='primary' disabled={busy} onClick={scan} data-testid='intake-scan'>扫码（用相机扫表上的二维码）</Button>}
        {keyed > 0 && <Text className='admin__sub'>{`本次已录入 ${keyed} 份`}</Text>}
      </View>
      {notice && <Notice tone={notice.tone} testId='intake-message'>{notice.text}</Notice>}
      {view && (
        <View className='admin__card' data-testid='intake-form'>
          <Text className='admin__title'>{view.targetName}</Text>
          <Text className='admin__sub'>{`编号 ${view.serial} · ${view.kindLabel} · ${STATUS[view.status]}`}</Text>
          {view.keyedByYou && <Text className='admin__error'>您已录入过这份表，第二遍须由另一名录入员录入。</Text>}
          {keyable && (
            <>
              <Text className='admin__label'>
                {dated ? `填表日期（评议期 ${view.period.start} 至 ${view.period.end} 内，可补录）` : `邮戳日期${needsDate ? '（评议已结束，必填）' : '（选填）'}`}
              </Text>
              <Input className='admin__input' value={date} placeholder='YYYY-MM-DD' onInput={(e) => setDate(e.detail.value.trim())} data-testid='intake-date' />
              {!dateOk && <Text className='admin__error'>{date === '' ? '请填写邮戳日期' : '日期格式应为 2026-12-01'}</Text>}
            </>
          )}
          {keyable && (
            <BallotForm key={`${view.serial}-${keyed}`} form={view.form} submitting={busy} onSubmit={submit} />
          )}
        </View>
      )}
    </View>
  );
}
