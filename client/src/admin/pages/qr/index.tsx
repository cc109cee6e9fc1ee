import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input, Image } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { OrgNode } from '@shared/model/org';
import type { WindowQrResponse } from '@shared/api/tokens';
import { Notice } from '../../../components/notice';
import { userMessage } from '../../../api/errors';
import { getNodes, getOrgPage } from '../../../api/staff';
import { issueWindowQr, revokeWindowQr, windowCodeImage } from '../../../api/admin';
import { requireAdmin } from '../../lib/admin-guard';
import { QrPoster } from '../../components/qr-poster';
import '../rounds/index.scss';
import './index.scss';

/**
 * Windows and their QR codes: search, issue (or rotate: the old poster stops working, so the
 * office is asked first), revoke, and print posters naming the unit, section and window so a
 * citizen sees whom they rate, one at a time or for a chosen batch.
 */
export default function QrPage() {
  const [session] = useState(() => requireAdmin('/admin/pages/qr/index'));
  const [windows, setWindows] = useState<OrgNode[]>([]);
  const [nodes, setNodes] = useState<Map<string, OrgNode>>(new Map());
  // undefined: nothing loaded yet; null: every window is listed.
  const [next, setNext] = useState<string | null>();
  const [qr, setQr] = useState<Record<string, WindowQrResponse | 'revoked'>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string }>();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [codes, setCodes] = useState<Record<string, string>>({});
  const [printing, setPrinting] = useState(false);

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

  const confirmed = async (title: string, content: string, confirmText: string) => (await Taro.showModal({ title, content, confirmText, cancelText: '再想想' })).confirm;
  const issue = async (w: OrgNode) => {
    if (await confirmed('确认生成新二维码', `如果“${w.name}”已张贴二维码海报，生成新码后旧海报立即失效，需要换贴新海报。`, '确认生成')) await run(w.id, () => issueWindowQr(w.id));
  };
  const revoke = async (w: OrgNode) => {
    if (await confirmed('确认停用二维码', `停用后“${w.name}”的海报扫码将提示二维码已停用，群众无法再从该窗口评价。`, '确认停用')) await run(w.id, async () => { await revokeWindowQr(w.id); return 'revoked'; });
  };
  const showCode = async (windowId: string) => {
    try {
      const src = await windowCodeImage(windowId);
      setCodes((c) => ({ ...c, [windowId]: src }));
    } catch (e) {
      setMessage({ tone: 'error', text: userMessage(e) });
    }
  };
  // Batch print: new codes for the chosen windows (their old posters stop working), then one poster per page.
  const printSelected = async () => {
    const ids = [...selected];
    if (!(await confirmed('确认批量生成并打印', `将为选中的 ${ids.length} 个窗口生成新二维码并打印海报；这些窗口已张贴的旧海报随即失效。`, '确认生成'))) return;
    setPrinting(true);
    for (const id of ids) if (!qr[id] || qr[id] === 'revoked') await run(id, () => issueWindowQr(id));
    setMessage({ tone: 'ok', text: `已为 ${ids.length} 个窗口生成二维码${process.env.TARO_ENV === 'h5' ? '，正在打开打印' : '，请逐张保存海报'}` });
    if (process.env.TARO_ENV === 'h5') setTimeout(() => window.print(), 500);
    setPrinting(false);
  };

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  const nameAt = (w: OrgNode, depth: number) => nodes.get(w.path[depth] ?? '')?.name;
  const q = query.trim();
  const shown = q ? windows.filter((w) => [w.name, w.id, nameAt(w, 1), nameAt(w, 2)].some((x) => x?.includes(q))) : windows;
  return (
    <View className='admin'>
      <View className='admin__card qr__tools'>
        <Input className='admin__input' value={query} placeholder='按窗口、科室或单位名称搜索' onInput={(e) => setQuery(e.detail.value)} data-testid='qr-search' />
        <View className='admin__actions'>
          <Text className='admin__link' data-testid='qr-select-shown' onClick={() => setSelected(new Set([...selected, ...shown.map((w) => w.id)]))}>{`选中显示的 ${shown.length} 个`}</Text>
          <Text className='admin__link' onClick={() => setSelected(new Set())}>清空选择</Text>
        </View>
        <Button size='small' type='primary' disabled={selected.size === 0 || printing} loading={printing} data-testid='qr-print-selected' onClick={() => void printSelected()}>{`批量生成并打印（${selected.size}）`}</Button>
        {next && <Text className='admin__sub'>搜索只在已加载的窗口中进行，可先加载更多。</Text>}
      </View>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {next === null && windows.length === 0 && <Notice>还没有窗口，请先导入单位</Notice>}
      {shown.map((w) => {
        const current = qr[w.id];
        const text = { unit: nameAt(w, 1) ?? '', section: nameAt(w, 2), window: w.name, code: current && current !== 'revoked' ? current.scene : '' };
        return (
          <View key={w.id} className={`admin__card ${selected.has(w.id) ? 'qr__picked' : 'qr__unpicked'}`} data-testid={`window-${w.id}`}>
            <Text className={`admin__chip ${selected.has(w.id) ? 'is-on' : ''} qr__select`} data-testid={`qr-select-${w.id}`}
              onClick={() => setSelected((s) => { const n = new Set(s); if (n.has(w.id)) n.delete(w.id); else n.add(w.id); return n; })}>{selected.has(w.id) ? '已选' : '选择'}</Text>
            <Text className='admin__title'>{w.name}</Text>
            <Text className='admin__sub'>{`${text.unit} · ${text.section ?? ''} · ${w.id}`}</Text>
            <View className='admin__actions'>
              <Button size='small' type='primary' data-testid={`qr-issue-${w.id}`} onClick={() => void issue(w)}>{current && current !== 'revoked' ? '更换二维码' : '生成二维码'}</Button>
              <Button size='small' type='danger' data-testid={`qr-revoke-${w.id}`} onClick={() => void revoke(w)}>停用</Button>
            </View>
            {current === 'revoked' && <Notice tone='info'>已停用，旧海报扫码将提示"二维码已停用"</Notice>}
            {current && current !== 'revoked' && (
              <View>
                <Text className='admin__link' userSelect>{current.url}</Text>
                <QrPoster id={`poster-${w.id}`} url={current.url} text={text} />
                <Text className='admin__link' data-testid={`qr-code-${w.id}`} onClick={() => void showCode(w.id)}>查看服务器生成的小程序码</Text>
                {codes[w.id] && <Image className='qr__code' src={codes[w.id]!} mode='aspectFit' data-testid={`qr-code-image-${w.id}`} />}
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
