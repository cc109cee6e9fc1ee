import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Canvas as TaroCanvas, View, Text } from '@tarojs/components';
import { Canvas, Chart, Axis, Line, Point, jsx as f2jsx } from '@antv/f2';
import { useCareMode } from '../../../lib/care-mode';
import './index.scss';

export type TrendPoint = { round: string; value: number };

type Props = { id: string; data: TrendPoint[]; valueLabel: string };

/** Chart height in CSS px: taller in care mode, where the labels are larger too. */
const HEIGHT = { normal: 220, care: 260 };

/**
 * F2 turns its '20px'-style sizes (750-wide design px) into screen px through the root element's
 * inline font size, which Taro H5 sets to a few px (axis labels came out about 5 px): half, as on
 * any 375-px-class phone, is what the design sizes mean.
 */
const px2hd = (px: number) => px / 2;
/** Axis labels 13 CSS px (≥ 12 px on a phone), 16 px in care mode, dark enough to read. */
const AXIS_STYLE = {
  normal: { label: { fontSize: '26px', fill: '#333333' } },
  care: { label: { fontSize: '32px', fill: '#222222' } },
};

// F2's element typings expect its own JSX pragma; called as a plain function the props are
// checked by F2 at run time, so a loose signature is enough here.
const jsx = f2jsx as unknown as (type: unknown, props: Record<string, unknown>) => { props: ConstructorParameters<typeof Canvas>[0] };

type CanvasNode = { width: number; height: number; getContext(kind: '2d'): unknown };

/** The 2d canvas behind a Taro <Canvas>: a DOM node in H5, a node from a selector query in WeChat. */
function canvasNode(id: string): Promise<{ node: CanvasNode; width: number } | null> {
  if (process.env.TARO_ENV === 'h5') {
    const host = document.getElementById(id);
    const node = (host?.tagName === 'CANVAS' ? host : host?.querySelector('canvas')) as HTMLCanvasElement | null;
    return Promise.resolve(node ? { node, width: node.parentElement?.clientWidth || node.clientWidth || 320 } : null);
  }
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res) => resolve(res?.[0]?.node ? { node: res[0].node as CanvasNode, width: res[0].width as number } : null));
  });
}

/**
 * A line chart of one value over rounds, drawn by AntV F2 (built for mini-program canvases).
 * Lives in the staff subpackage so F2 never weighs on the citizen's main package.
 */
export function TrendChart({ id, data, valueLabel }: Props) {
  const mode = useCareMode() ? 'care' : 'normal';
  const height = HEIGHT[mode];
  useEffect(() => {
    if (data.length === 0) return;
    let chart: Canvas | undefined;
    let cancelled = false;
    Taro.nextTick(async () => {
      const found = await canvasNode(id);
      if (!found || cancelled) return;
      const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 1;
      found.node.width = found.width * pixelRatio;
      found.node.height = height * pixelRatio;
      const tree = jsx(Canvas, {
        context: found.node.getContext('2d'),
        pixelRatio,
        width: found.width,
        height,
        px2hd,
        // Drawn once, no entry animation: nothing moves under an older reader's eyes.
        animate: false,
        children: jsx(Chart, {
          data,
          scale: { value: { min: 0, nice: true } },
          children: [
            jsx(Axis, { field: 'round', style: AXIS_STYLE[mode] }),
            jsx(Axis, { field: 'value', style: AXIS_STYLE[mode] }),
            jsx(Line, { x: 'round', y: 'value', color: '#b71c1c', style: { lineWidth: mode === 'care' ? '6px' : '4px' } }),
            jsx(Point, { x: 'round', y: 'value', color: '#b71c1c', style: { r: mode === 'care' ? '10px' : '8px' } }),
          ],
        }),
      });
      chart = new Canvas(tree.props);
      await chart.render();
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [id, data, mode, height]);

  return (
    <View className='trend-chart'>
      <Text className='trend-chart__label'>{valueLabel}</Text>
      {data.length === 0 ? (
        <Text className='trend-chart__empty'>暂无历史数据</Text>
      ) : (
        <TaroCanvas type='2d' id={id} canvasId={id} className='trend-chart__canvas' style={{ height: `${height}px` }} />
      )}
    </View>
  );
}
