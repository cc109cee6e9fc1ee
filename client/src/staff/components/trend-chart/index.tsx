import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Canvas as TaroCanvas, View, Text } from '@tarojs/components';
import { Canvas, Chart, Axis, Line, Point, jsx as f2jsx } from '@antv/f2';
import './index.scss';

export type TrendPoint = { round: string; value: number };

type Props = { id: string; data: TrendPoint[]; valueLabel: string };

const HEIGHT = 220; // CSS px

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
  useEffect(() => {
    if (data.length === 0) return;
    let chart: Canvas | undefined;
    let cancelled = false;
    Taro.nextTick(async () => {
      const found = await canvasNode(id);
      if (!found || cancelled) return;
      const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 1;
      found.node.width = found.width * pixelRatio;
      found.node.height = HEIGHT * pixelRatio;
      const tree = jsx(Canvas, {
        context: found.node.getContext('2d'),
        pixelRatio,
        width: found.width,
        height: HEIGHT,
        children: jsx(Chart, {
          data,
          scale: { value: { min: 0, nice: true } },
          children: [
            jsx(Axis, { field: 'round' }),
            jsx(Axis, { field: 'value' }),
            jsx(Line, { x: 'round', y: 'value', color: '#b71c1c' }),
            jsx(Point, { x: 'round', y: 'value', color: '#b71c1c' }),
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
  }, [id, data]);

  return (
    <View className='trend-chart'>
      <Text className='trend-chart__label'>{valueLabel}</Text>
      {data.length === 0 ? (
        <Text className='trend-chart__empty'>暂无历史数据</Text>
      ) : (
        <TaroCanvas type='2d' id={id} canvasId={id} className='trend-chart__canvas' />
      )}
    </View>
  );
}
