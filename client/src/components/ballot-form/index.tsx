import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import TextArea from '@nutui/nutui-react-taro/dist/es/packages/textarea/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css';
import { checkAnswers } from '@shared/model/form';
import type { Answers, BallotForm as Form } from '@shared/model/form';
import { COMMENT_MAX } from '@shared/model/ballot';
import { ChoiceItem } from '../choice-item';
import './index.scss';

export type BallotInput = { answers: Answers; comment?: string };

type Props = {
  form: Form;
  submitting: boolean;
  onSubmit: (input: BallotInput) => void;
};

/**
 * The ballot as the scheme describes it: every item, then the optional comment with a live
 * count (the server's limit is 500 UTF-16 units, which is what `.length` counts), then one big
 * submit button. Missing required items are outlined and named instead of silently blocking.
 */
export function BallotForm({ form, submitting, onSubmit }: Props) {
  const [answers, setAnswers] = useState<Answers>({});
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<Set<string>>(new Set());

  const submit = () => {
    const problems = checkAnswers(form, answers).filter((p) => p.problem === 'missing');
    setMissing(new Set(problems.map((p) => p.item)));
    if (problems.length) return;
    const text = comment.trim();
    onSubmit({ answers, ...(text ? { comment: text.slice(0, COMMENT_MAX) } : {}) });
  };

  const firstMissing = form.items.findIndex((i) => missing.has(i.id));
  return (
    <View className='ballot-form'>
      {form.intro && <Text className='ballot-form__intro'>{form.intro}</Text>}
      {form.items.map((item, i) => (
        <ChoiceItem
          key={item.id}
          item={item}
          index={i}
          value={answers[item.id]}
          invalid={missing.has(item.id)}
          onChange={(v) => {
            setAnswers((prev) => {
              const next = { ...prev };
              if (v === undefined || (Array.isArray(v) && v.length === 0)) delete next[item.id];
              else next[item.id] = v;
              return next;
            });
            setMissing((prev) => {
              const next = new Set(prev);
              next.delete(item.id);
              return next;
            });
          }}
        />
      ))}
      {form.comment && (
        <View className='ballot-form__comment'>
          <Text className='ballot-form__comment-label'>意见和建议（选填）</Text>
          <TextArea
            className='ballot-form__textarea'
            value={comment}
            maxLength={COMMENT_MAX}
            rows={4}
            placeholder='请写下您的意见或建议，不要填写姓名、电话等个人信息'
            onChange={(v: string) => setComment(v.slice(0, COMMENT_MAX))}
          />
          <Text className={`ballot-form__count ${comment.length >= COMMENT_MAX ? 'is-full' : ''}`} data-testid='comment-count'>
            {`${comment.length}/${COMMENT_MAX}`}
          </Text>
        </View>
      )}
      {firstMissing >= 0 && (
        <Text className='ballot-form__missing' data-testid='missing'>{`请先完成第 ${firstMissing + 1} 项`}</Text>
      )}
      <View className='ballot-form__submit'>
        <Button type='primary' size='xlarge' block loading={submitting} disabled={submitting} onClick={submit} data-testid='submit'>
          提交评价
        </Button>
      </View>
    </View>
  );
}
