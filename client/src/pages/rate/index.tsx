import { useCallback, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { CHANNEL_LABELS } from '@shared/model/channel';
import type { LandingResponse } from '@shared/api/tokens';
import { TargetPath } from '../../components/target-path';
import { BallotForm, BallotInput } from '../../components/ballot-form';
import { Notice } from '../../components/notice';
import { CarePage } from '../../components/care-page';
import { PendingBallot } from '../../components/pending-ballot';
import { backTo, listPageUrl, tokenFromParams } from '../../lib/entry';
import { Redirect } from '../../components/redirect';
import { useLanding } from '../../lib/use-landing';
import { enqueue, send } from '../../lib/outbox';
import { uuid4 } from '../../lib/uuid';
import { listReceipts } from '../../lib/receipts';
import { ratedOnDevice } from '../../lib/rated';
import { formatTime } from '../../lib/format';
import './index.scss';

type Round = LandingResponse['rounds'][number];

/**
 * Scan landing and ballot: resolves the token, shows what is rated, renders the round's form
 * for that target and submits through the outbox. A token that covers several targets
 * (sampling link, invitation) without a chosen target goes to its picker page.
 */
export default function RatePage() {
  return (
    <CarePage>
      <RateBody />
    </CarePage>
  );
}

function RateBody() {
  const { params } = useRouter();
  const token = tokenFromParams(params);
  const state = useLanding(token, params.targetId);
  const [roundId, setRoundId] = useState(params.roundId);

  if (state.status === 'loading') return <Notice>正在加载…</Notice>;
  if (state.status === 'error') return <ErrorView message={state.message} />;
  const { landing } = state;
  if (landing.rounds.length === 0) return <ErrorView message='目前没有进行中的评议，感谢关注' />;

  const round = landing.rounds.find((r) => r.roundId === roundId) ?? (landing.rounds.length === 1 ? landing.rounds[0] : undefined);
  if (!round) return <RoundPicker landing={landing} onPick={setRoundId} />;

  const target = round.targets.find((t) => t.id === params.targetId) ?? (round.targets.length === 1 ? round.targets[0] : undefined);
  if (!target) {
    // Several targets: let the citizen choose on the channel's own page.
    const picker = landing.channel === 'directed' || landing.channel === 'hearing' ? 'invite' : 'sample';
    return <Redirect url={`/pages/${picker}/index?token=${encodeURIComponent(token!)}`} />;
  }
  return <RateTarget landing={landing} round={round} targetId={target.id} token={token!} />;
}

function RateTarget({ landing, round, targetId, token }: { landing: LandingResponse; round: Round; targetId: string; token: string }) {
  const target = round.targets.find((t) => t.id === targetId)!;
  const form = round.forms[target.formKey] ?? round.forms.default;
  // One id per filled-in form: tapping 提交 again after a failure resends the same ballot.
  const clientBallotId = useMemo(() => uuid4(), [targetId, round.roundId]);
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [waiting, setWaiting] = useState(false);
  // A link covering many targets: the receipt offers 下一个 from the same link.
  const listed = landing.channel !== 'window';
  const receiptUrl = `/pages/receipt/index?id=${clientBallotId}${listed ? `&token=${encodeURIComponent(token)}&targetId=${encodeURIComponent(target.id)}` : ''}`;
  const toReceipt = useCallback(() => void Taro.redirectTo({ url: receiptUrl }), [receiptUrl]);
  // Known before the form opens: the invitation's own list, or this device's receipt under the round's rule.
  const invitationUsed = landing.invitation?.answeredTargetIds.includes(target.id) ?? false;
  const [earlier] = useState(() => ratedOnDevice(listReceipts(), { roundId: round.roundId, targetId: target.id, channel: landing.channel, rating: round.rating ?? 'round' }));

  const submit = async (input: BallotInput) => {
    setSubmitting(true);
    setRefusal(undefined);
    enqueue({
      request: {
        clientBallotId,
        token,
        roundId: round.roundId,
        // A window token implies its target; sampling, directed and hearing name the one chosen.
        ...(landing.channel === 'window' ? {} : { targetId: target.id }),
        ...input,
      },
      targetName: target.name,
      roundName: round.roundName,
    });
    const outcome = await send(clientBallotId);
    setSubmitting(false);
    if (outcome.state === 'rejected') setRefusal(outcome.message);
    else if (outcome.state === 'pending') setWaiting(true);
    else toReceipt();
  };

  if (!form) return <ErrorView message='评议表暂不可用，请稍后再试' />;
  return (
    <View className='rate'>
      <TargetPath channelLabel={CHANNEL_LABELS[landing.channel]} target={target} windowName={landing.window?.name} />
      <View className='rate__title'>
        <Text className='rate__form-title'>{form.title}</Text>
        <Text className='rate__round'>{round.roundName}</Text>
      </View>
      {waiting ? (
        <PendingBallot clientBallotId={clientBallotId} onSettled={toReceipt} />
      ) : invitationUsed || earlier ? (
        <AlreadyRated
          sentence={invitationUsed ? '您已经评价过这个单位，该邀请对它已经使用过，不能再次评价' : '您已经评价过了，本轮评议每人只计一次，感谢参与'}
          receiptId={earlier?.clientBallotId}
          receiptText={earlier ? `回执编号 ${earlier.receipt.receiptId} · ${formatTime(earlier.receipt.receivedAt)}` : undefined}
          backToList={listed ? listPageUrl(token, landing.channel) : undefined}
        />
      ) : refusal ? (
        <View>
          <Notice tone='error' testId='refusal'>{refusal}</Notice>
          <View className='rate__links'>
            <Text className='rate__link' onClick={() => Taro.redirectTo({ url: '/pages/mine/index' })}>查看我的评价</Text>
          </View>
        </View>
      ) : (
        <BallotForm form={form} submitting={submitting} onSubmit={submit} />
      )}
    </View>
  );
}

/** Shown instead of the form: the ballot would be refused, so nothing is asked. */
function AlreadyRated({ sentence, receiptId, receiptText, backToList }: { sentence: string; receiptId?: string; receiptText?: string; backToList?: string }) {
  return (
    <View data-testid='already-rated'>
      <Notice tone='ok'>{sentence}</Notice>
      {receiptText && <Text className='rate__earlier'>{receiptText}</Text>}
      <View className='rate__links'>
        {receiptId && <Text className='rate__link' onClick={() => Taro.redirectTo({ url: `/pages/receipt/index?id=${receiptId}` })}>查看回执</Text>}
        {backToList && <Text className='rate__link' data-testid='back-to-list' onClick={() => backTo(backToList)}>评价其他单位</Text>}
        {!backToList && <Text className='rate__link' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>返回首页</Text>}
      </View>
    </View>
  );
}

/**
 * One window in several open rounds: a card per round naming the round, what it rates through
 * this window and until when, so the citizen sees which evaluation they are choosing.
 */
function RoundPicker({ landing, onPick }: { landing: LandingResponse; onPick: (id: string) => void }) {
  const windowName = landing.window?.name ?? '该窗口';
  return (
    <View className='rate'>
      <Notice>{`「${windowName}」正在参加 ${landing.rounds.length} 项评议，请点选您要参加的一项`}</Notice>
      {landing.rounds.map((r) => {
        const target = r.targets[0];
        const unit = target?.path.find((p) => p.kind === 'unit');
        return (
          <View key={r.roundId} className='rate__pick' role='button' data-testid={`pick-${r.roundId}`} onClick={() => onPick(r.roundId)}>
            <View className='rate__pick-main'>
              <Text className='rate__pick-name'>{r.roundName}</Text>
              <Text className='rate__pick-line'>{`评价对象：${[unit && unit.id !== target?.id ? unit.name : '', target?.name ?? windowName].filter(Boolean).join(' · ')}`}</Text>
              <Text className='rate__pick-line'>{`窗口：${windowName}`}</Text>
              <Text className='rate__pick-line'>{`截止：${formatTime(r.closesAt)}`}</Text>
            </View>
            <Text className='rate__pick-go'>去评价 ›</Text>
          </View>
        );
      })}
    </View>
  );
}

function ErrorView({ message }: { message: string }) {
  return (
    <View className='rate'>
      <Notice tone='error' testId='landing-error'>{message}</Notice>
      <View className='rate__links'>
        <Text className='rate__link' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>返回首页</Text>
      </View>
    </View>
  );
}
