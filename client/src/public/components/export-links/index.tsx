import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { exportUrl } from '../../../api/public';
import type { ExportKind } from '../../../api/public';
import './index.scss';

const LINKS: Array<{ kind: ExportKind; label: string }> = [
  { kind: 'xlsx', label: 'Excel 表格' },
  { kind: 'csv', label: 'CSV 文件' },
  { kind: 'print', label: '打印版（见报名单）' },
  { kind: 'snapshot', label: '核验数据（JSON）' },
];

/** H5 opens the file; WeChat opens the Excel sheet in its viewer and copies other links. */
async function open(kind: ExportKind, url: string) {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank');
    return;
  }
  try {
    if (kind === 'xlsx') {
      const { tempFilePath } = await Taro.downloadFile({ url });
      await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
      return;
    }
  } catch {
    /* fall back to the link */
  }
  await Taro.setClipboardData({ data: url });
  void Taro.showToast({ title: '链接已复制，请在浏览器中打开', icon: 'none' });
}

export function ExportLinks({ roundId, version }: { roundId: string; version: number }) {
  return (
    <View className='export-links'>
      <Text className='export-links__title'>下载与打印</Text>
      <View className='export-links__grid'>
        {LINKS.map(({ kind, label }) => (
          <View key={kind} className='export-links__item' data-testid={`export-${kind}`} onClick={() => open(kind, exportUrl(roundId, kind, version))}>
            <Text>{label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
