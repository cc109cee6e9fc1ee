import { useCallback, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { CHANNEL_LABELS } from '@shared/model/channel';
import type { LandingResponse } from '@shared/api/tokens';
import { TargetPath } from '../../components/target-path';
import { BallotForm, BallotInput } from '../../components/ballot-form';
import { Notice } from '../../components/notice';
import { PendingBallot } from '../../components/pending-ballot';
import { tokenFromParams } from '../../lib/entry';
import { Redirect } from '../../components/redirect';
import { useLanding } from '../../lib/use-landing';
import { enqueue, send } from '../../lib/outbox';
import { uuid4 } from '../../lib/uuid';
import './index.scss';

type Round = LandingResponse['rounds'][number];

/**
 * Scan landing and ballot: resolves the token, shows what is rated, renders the round's form
 * for that target and submits through the outbox. A token that covers several targets
 * (sampling link, invitation) without a chosen target goes to its picker page.
 */
export default function RatePage() {
  const { params } = useRouter();
  const token = tokenFromParams(params);
  const state = useLanding(token, params.targetId);
  const [roundId, setRoundId] = useState(params.roundId);

  if (state.status === 'loading') return <Notice>正在加载…</Notice>;
  if (state.status === 'error') return <ErrorView message={state.message} />;
  const { landing } = state;
  if (landing.rounds.length === 0) return <ErrorView message='目前没有进行中的评议，感谢关注' />;

  const round = landing.rounds.find((r) => r.roundId === roundId) ?? (landing.rounds.length === 1 ? landing.rounds[0] : undefined);
  if (!round) return <RoundPicker rounds={landing.rounds} onPick={setRoundId} />;

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
  const toReceipt = useCallback(() => void Taro.redirectTo({ url: `/pages/receipt/index?id=${clientBallotId}` }), [clientBallotId]);
  const answered = landing.invitation?.answeredTargetIds.includes(target.id);

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
      {answered && <Notice tone='info'>您已评价过该单位，再次提交将不会重复计入</Notice>}
      {waiting ? (
        <PendingBallot clientBallotId={clientBallotId} onSettled={toReceipt} />
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

function RoundPicker({ rounds, onPick }: { rounds: Round[]; onPick: (id: string) => void }) {
  return (
    <View className='rate'>
      <Notice>该窗口正在参加多项评议，请选择</Notice>
      {rounds.map((r) => (
        <View key={r.roundId} className='rate__pick' onClick={() => onPick(r.roundId)}>
          <Text>{r.roundName}</Text>
        </View>
      ))}
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
