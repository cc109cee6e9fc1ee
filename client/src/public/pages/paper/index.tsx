import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { PaperFormView } from '@shared/api/paper';
import type { Receipt } from '@shared/model/ballot';
import { Notice } from '../../../components/notice';
import { CarePage } from '../../../components/care-page';
import { BallotForm, type BallotInput } from '../../../components/ballot-form';
import { userMessage } from '../../../api/errors';
import { answerPaperForm, getPaperForm } from '../../../api/paper';
import './index.scss';

/**
 * A printed form's QR, scanned by a citizen who prefers the phone: the same form, answered here
 * instead of on paper. The serial counts once, whichever comes first (the paper keyed by the
 * office, or this page).
 */
function PaperForm() {
  const serial = useRouter().params.serial ?? '';
  const [view, setView] = useState<PaperFormView>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<Receipt>();

  useEffect(() => {
    getPaperForm(serial).then(setView).catch((e) => setError(userMessage(e)));
  }, [serial]);

  const submit = async (input: BallotInput) => {
    setBusy(true);
    try {
      setReceipt((await answerPaperForm(serial, input)).receipt);
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (receipt) return <Notice tone='ok' testId='paper-online-done'>{`提交成功，谢谢您的评价。回执编号 ${receipt.receiptId}。纸质表无需再寄回。`}</Notice>;
  if (error) return <Notice tone='error' testId='paper-online-error'>{error}</Notice>;
  if (!view) return <Notice>正在加载…</Notice>;
  return (
    <View className='paper-online'>
      <View className='paper-online__card'>
        <Text className='paper-online__title'>{view.form.title}</Text>
        <Text className='paper-online__sub'>{`评议对象：${view.targetName}`}</Text>
        <Text className='paper-online__sub'>{`${view.roundName} · 表号 ${view.serial}`}</Text>
      </View>
      {view.open ? (
        <View className='paper-online__card'>
          <BallotForm form={view.form} submitting={busy} onSubmit={submit} />
        </View>
      ) : (
        <Notice tone='info'>这份测评表已不能在线填写（评议已结束或已计入）。</Notice>
      )}
    </View>
  );
}

/** In the care-mode frame: anyone may read it, the elderly included (适老化). */
export default function PaperFormPage() {
  return <CarePage><PaperForm /></CarePage>;
}
