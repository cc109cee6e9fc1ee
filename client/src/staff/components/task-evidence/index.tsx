import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { TaskView } from '../../../api/tasks';
import { evidenceLink } from '../../../api/tasks';
import { userMessage } from '../../../api/errors';
import { absoluteUrl } from '../../lib/evidence-upload';
import { formatSize } from '../../lib/task-labels';
import './index.scss';

/** Opens one evidence file: a new tab in H5; WeChat previews a photo or opens a PDF. */
async function open(task: TaskView, evidenceId: string, contentType: string, onError: (m: string) => void) {
  try {
    const url = absoluteUrl((await evidenceLink(task.taskId, evidenceId)).url);
    if (process.env.TARO_ENV === 'h5') window.open(url, '_blank');
    else if (contentType.startsWith('image/')) await Taro.previewImage({ urls: [url] });
    else {
      const { tempFilePath } = await Taro.downloadFile({ url });
      await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf' });
    }
  } catch (e) {
    onError(userMessage(e));
  }
}

/** The files attached as proof of the rectification. */
export function TaskEvidence({ task, onError }: { task: TaskView; onError: (m: string) => void }) {
  return (
    <View className='task-evidence' data-testid='task-evidence'>
      <Text className='task-evidence__title'>{`整改材料（${task.evidence.length}）`}</Text>
      {task.evidence.length === 0 && <Text className='task-evidence__empty'>还没有上传材料</Text>}
      {task.evidence.map((e) => (
        <View key={e.evidenceId} className='task-evidence__row' data-testid='evidence-item' onClick={() => open(task, e.evidenceId, e.contentType, onError)}>
          <Text className='task-evidence__name'>{e.fileName}</Text>
          <Text className='task-evidence__size'>{formatSize(e.size)}</Text>
        </View>
      ))}
    </View>
  );
}
