import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { CHANNEL_LABELS } from '@shared/model/channel';
import { getComments, type StaffComment } from '../../../api/staff';
import { userMessage } from '../../../api/errors';
import './index.scss';

/**
 * A target's comments, loaded when asked for. The server has already masked phone and ID
 * numbers and self-introductions, and dates them by day only, so nothing here can point at
 * the person who wrote one.
 */
export function Comments({ roundId, targetId }: { roundId: string; targetId: string }) {
  const [comments, setComments] = useState<StaffComment[]>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const load = () => {
    setLoading(true);
    setError(undefined);
    getComments(roundId, targetId).then(
      (r) => setComments(r.comments),
      (e) => setError(userMessage(e)),
    ).finally(() => setLoading(false));
  };
  if (!comments) {
    return (
      <View className='comments'>
        <Text className='comments__open' data-testid={`comments-open-${targetId}`} onClick={loading ? undefined : load}>{loading ? '正在加载…' : '查看群众意见'}</Text>
        {error && <Text className='comments__error'>{error}</Text>}
      </View>
    );
  }
  return (
    <View className='comments' data-testid={`comments-${targetId}`}>
      <Text className='comments__title'>{`群众意见（${comments.length}条，已隐去个人信息）`}</Text>
      {comments.length === 0 && <Text className='comments__empty'>暂无意见</Text>}
      {comments.map((c, i) => (
        <View key={i} className='comments__item'>
          <Text className='comments__meta'>{`${c.day} · ${CHANNEL_LABELS[c.channel]}`}</Text>
          <Text className='comments__text'>{c.text}</Text>
        </View>
      ))}
    </View>
  );
}
