import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { drawPoster, POSTER, PosterText } from './draw';
import './index.scss';

type Props = { id: string; url: string; text: PosterText };
type CanvasLike = { width: number; height: number; getContext(k: '2d'): unknown; toDataURL?: (t: string) => string };

function findCanvas(id: string): Promise<CanvasLike | null> {
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(id);
    return Promise.resolve((host?.tagName === 'CANVAS' ? host : host?.querySelector('canvas')) as CanvasLike | null);
  }
  return new Promise((resolve) =>
    Taro.createSelectorQuery().select(`#${id}`).fields({ node: true }).exec((res) => resolve((res?.[0]?.node as CanvasLike) ?? null)),
  );
}

/** A window's QR poster, drawn at print size, with a button to save it as PNG. */
export function QrPoster({ id, url, text }: Props) {
  useEffect(() => {
    Taro.nextTick(async () => {
      const canvas = await findCanvas(id);
      if (!canvas) return;
      canvas.width = POSTER.width;
      canvas.height = POSTER.height;
      drawPoster(canvas.getContext('2d') as Parameters<typeof drawPoster>[0], url, text);
    });
  }, [id, url, text]);

  const save = async () => {
    const canvas = await findCanvas(id);
    if (!canvas) return;
    if (process.env.TARO_ENV === 'h5' && canvas.toDataURL) {
      const a = document.createElement('a');
      a.href = canvas.toDataURL('image/png');
      a.download = `评价二维码-${text.unit}-${text.window}.png`;
      a.click();
      return;
    }
    const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as never);
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath });
    void Taro.showToast({ title: '已保存到相册' });
  };

  return (
    <View className='qr-poster'>
      <Canvas type='2d' id={id} canvasId={id} className='qr-poster__canvas' />
      <Button size='small' type='primary' onClick={save}>保存海报 PNG</Button>
    </View>
  );
}
