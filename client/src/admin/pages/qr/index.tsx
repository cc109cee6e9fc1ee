import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { OrgNode } from '@shared/model/org';
import type { WindowQrResponse } from '@shared/api/tokens';
import { Notice } from '../../../components/notice';
import { userMessage } from '../../../api/errors';
import { getNodes, getOrgPage } from '../../../api/staff';
import { issueWindowQr, revokeWindowQr } from '../../../api/admin';
import { requireAdmin } from '../../lib/admin-guard';
import { QrPoster } from '../../components/qr-poster';
import '../rounds/index.scss';

/**
 * Windows and their QR codes: issue (or rotate: the old poster stops working), revoke, and
 * print a poster naming the unit, section and window so a citizen sees whom they rate.
 */
export default function QrPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/qr/index'));
  const [windows, setWindows] = useState<OrgNode[]>([]);
  const [nodes, setNodes] = useState<Map<string, OrgNode>>(new Map());
  // undefined: nothing loaded yet; null: every window is listed.
  const [next, setNext] = useState<string | null>();
  const [qr, setQr] = useState<Record<string, WindowQrResponse | 'revoked'>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string }>();

  // A county has tens of thousands of windows: a page at a time, with their units and sections.
  const loadMore = async (after?: string) => {
    try {
      const page = await getOrgPage({ kind: 'window', ...(after ? { after } : {}) });
      const ancestors = await getNodes(page.nodes.flatMap((w) => w.path.slice(0, -1)));
      setNodes((m) => new Map([...m, ...ancestors.map((n) => [n.id, n] as const)]));
      setWindows((w) => [...w, ...page.nodes]);
      setNext(page.next ?? null);
    } catch (e) {
      setMessage({ tone: 'error', text: userMessage(e) });
    }
  };
  useEffect(() => {
    if (session) void loadMore();
  }, [session]);

  const run = async (windowId: string, fn: () => Promise<WindowQrResponse | 'revoked'>) => {
    try {
      const value = await fn();
      setQr((x) => ({ ...x, [windowId]: value }));
      setMessage(undefined);
    } catch (e) {
      setMessage({ tone: 'error', text: userMessage(e) });
    }
  };

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  const nameAt = (w: OrgNode, depth: number) => nodes.get(w.path[depth] ?? '')?.name;
  return (
    <View className='admin'>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {next === null && windows.length === 0 && <Notice>还没有窗口，请先导入单位</Notice>}
      {windows.map((w) => {
        const current = qr[w.id];
        const text = { unit: nameAt(w, 1) ?? '', section: nameAt(w, 2), window: w.name, code: current && current !== 'revoked' ? current.scene : '' };
        return (
          <View key={w.id} className='admin__card' data-testid={`window-${w.id}`}>
            <Text className='admin__title'>{w.name}</Text>
            <Text className='admin__sub'>{`${text.unit} · ${text.section ?? ''} · ${w.id}`}</Text>
            <View className='admin__actions'>
              <Button size='small' type='primary' data-testid={`qr-issue-${w.id}`} onClick={() => run(w.id, () => issueWindowQr(w.id))}>{current && current !== 'revoked' ? '更换二维码' : '生成二维码'}</Button>
              <Button size='small' type='danger' onClick={() => run(w.id, async () => { await revokeWindowQr(w.id); return 'revoked'; })}>停用</Button>
            </View>
            {current === 'revoked' && <Notice tone='info'>已停用，旧海报扫码将提示"二维码已停用"</Notice>}
            {current && current !== 'revoked' && (
              <View>
                <Text className='admin__link' userSelect>{current.url}</Text>
                <QrPoster id={`poster-${w.id}`} url={current.url} text={text} />
              </View>
            )}
          </View>
        );
      })}
      {next && (
        <Button size='small' data-testid='qr-more' onClick={() => loadMore(next)}>加载更多窗口</Button>
      )}
    </View>
  );
}
