import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { Notice } from '../../../components/notice';
import { ApiError, userMessage } from '../../../api/errors';
import { getScheme, saveSchemeVersion, type SchemeDetail } from '../../../api/schemes';
import { requireAdmin } from '../../lib/admin-guard';
import { Field } from '../../components/field';
import { setName } from '../schemes/model/edits';
import { problemLine, toProblem } from '../schemes/model/problems';
import type { Body } from '../schemes/model/values';
import { CloneForm } from '../schemes/clone-form';
import { useLiveProblems } from './use-live-problems';
import { downloadSchemeFile } from './download';
import { FormsSection } from './sections/forms';
import { ComponentsSection } from './sections/components';
import { GradesSection } from './sections/grades';
import { RankingSection } from './sections/ranking';
import { RulesSection } from './sections/rules';
import { PreviewSection } from './sections/preview';
import { DiffSection } from './sections/diff';
import '../rounds/index.scss';
import './index.scss';

const TABS = { edit: '编辑', preview: '预览', diff: '版本对比' } as const;
type Tab = keyof typeof TABS;

/** What a refused save means for the clerk: a newer version, or the field-by-field problems. */
function saveRefusal(e: unknown, body: Body): { text: string; problems?: string[] } {
  if (e instanceof ApiError && e.code === 'SCHEME_VERSION_STALE') {
    const latest = (e.details as { latestVersion?: number } | undefined)?.latestVersion;
    return { text: `未保存：在您修改期间，已有人保存了${latest ? `第${latest}版` : '更新的版本'}。您的修改仍在本页，请记下要改的内容，点“载入最新版本”后在最新版本上重新修改。` };
  }
  if (e instanceof ApiError && e.code === 'SCHEME_INVALID') {
    const list = (e.details as { problems?: { path: string; message: string }[] } | undefined)?.problems ?? [];
    return { text: e.message, problems: list.map((p) => problemLine(toProblem(body, p))) };
  }
  return { text: userMessage(e) };
}

/**
 * 方案编辑: one stored scheme, for a clerk. A preset is shown read-only with a clone form; an
 * office's own scheme is edited section by section, checked live, and saved as a new version
 * (a version already used by a round never changes). Tabs for the preview and the version diff.
 */
export default function SchemePage() {
  const params = useRouter().params;
  const id = params.id ?? '';
  const [session] = useState(() => requireAdmin(`/admin/pages/scheme/index?id=${id}`));
  const [detail, setDetail] = useState<SchemeDetail>();
  const [body, setBody] = useState<Body>();
  const [tab, setTab] = useState<Tab>('edit');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string; problems?: string[] }>();
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = (version?: number) =>
    getScheme(id, version).then(
      (d) => {
        setDetail(d);
        setBody(d.scheme.body);
        setStale(false);
      },
      (e) => setMessage({ tone: 'error', text: userMessage(e) }),
    );
  useEffect(() => {
    if (session) void load(params.version ? Number(params.version) : undefined);
  }, [session, id]);

  const latest = detail ? Math.max(...detail.versions.map((v) => v.version), detail.scheme.version) : 0;
  const readOnly = !detail || Boolean(detail.scheme.preset) || detail.scheme.version !== latest;
  const { problems, checking } = useLiveProblems(body, Boolean(detail) && !readOnly);
  const dirty = Boolean(detail && body && JSON.stringify(body) !== JSON.stringify(detail.scheme.body));

  if (!session) return <Notice tone='error'>需要评议主管部门或管理员账号</Notice>;
  if (!detail || !body) return message ? <Notice tone='error' testId='scheme-error'>{message.text}</Notice> : <Notice>正在加载…</Notice>;
  const s = detail.scheme;
  const save = async () => {
    setBusy(true);
    try {
      const saved = await saveSchemeVersion(id, { basedOnVersion: s.version, body, ...(note.trim() ? { note: note.trim() } : {}) });
      setMessage({ tone: 'ok', text: `已保存为第${saved.version}版` });
      setNote('');
      await load();
    } catch (e) {
      const refusal = saveRefusal(e, body);
      if (e instanceof ApiError && e.code === 'SCHEME_VERSION_STALE') setStale(true);
      setMessage({ tone: 'error', ...refusal });
    } finally {
      setBusy(false);
    }
  };
  const change = (next: Body) => setBody(next);
  const section = { body, change, readOnly };
  return (
    <View className='admin scheme'>
      <View className='admin__nav'>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/schemes/index' })}>全部方案</Text>
        <Text onClick={() => Taro.navigateTo({ url: '/admin/pages/rounds/index' })}>评议轮次</Text>
      </View>
      <View className='admin__card' data-testid='scheme-head'>
        <Text className='admin__title'>
          {s.name}
          {s.preset && <Text className='scheme__tag scheme__tag--preset'>预置</Text>}
        </Text>
        <Text className='admin__sub' data-testid='scheme-version'>{`${s.schemeId} · 第${s.version}版${s.version !== latest ? `（最新为第${latest}版）` : ''} · ${s.author}${s.basedOn ? ` · 来自 ${s.basedOn.schemeId} 第${s.basedOn.version}版` : ''}`}</Text>
        {s.preset && <Text className='admin__sub'>预置方案只能查看。复制为本县方案后即可修改。</Text>}
        {process.env.TARO_ENV === 'h5' && (
          <Text className='admin__link' data-testid='scheme-download' onClick={() => setMessage({ tone: 'ok', text: `已下载“${downloadSchemeFile(detail)}”：离线计分时用 npm run score -- <数据文件> --scheme-file <此文件>` })}>
            {`下载方案文件（第${s.version}版，供离线计分）`}
          </Text>
        )}
        {!s.preset && s.version !== latest && <Text className='admin__link' onClick={() => void load()}>这是旧版本，只能查看；点此打开最新版本</Text>}
        <View className='admin__chips'>
          {detail.versions.map((v) => (
            <Text key={v.version} className={`admin__chip ${v.version === s.version ? 'is-on' : ''}`} onClick={() => void load(v.version)}>{`第${v.version}版${v.inUse ? '（已使用）' : ''}`}</Text>
          ))}
        </View>
      </View>
      {s.preset && <CloneForm from={s.schemeId} fromName={s.name} />}
      <View className='scheme__tabs'>
        {(Object.keys(TABS) as Tab[]).map((t) => (
          <Text key={t} data-testid={`tab-${t}`} className={`scheme__tab ${tab === t ? 'is-on' : ''}`} onClick={() => setTab(t)}>{TABS[t]}</Text>
        ))}
      </View>
      {message && (
        <View data-testid='scheme-message'>
          <Notice tone={message.tone} testId={`scheme-message-${message.tone}`}>{message.text}</Notice>
          {message.problems?.map((p) => <Text key={p} className='scheme__problem'>{p}</Text>)}
          {stale && <Text className='admin__link' data-testid='load-latest' onClick={() => void load()}>载入最新版本（放弃本页未保存的修改）</Text>}
        </View>
      )}
      {tab === 'edit' && (
        <View>
          {!readOnly && (problems.length > 0 ? (
            <View className='scheme__problems' data-testid='scheme-problems'>
              {problems.map((p) => <Text key={`${p.path}|${p.message}`} className='scheme__problem'>{problemLine(p)}</Text>)}
            </View>
          ) : (
            <Text className='scheme__ok' data-testid='scheme-valid'>{checking ? '正在检查…' : '检查通过，可以保存'}</Text>
          ))}
          <View className='admin__card'>
            <Field label='方案名称' value={body.name} onInput={(v) => !readOnly && change(setName(body, v))} />
          </View>
          <ComponentsSection {...section} />
          <GradesSection {...section} />
          <RankingSection {...section} />
          <RulesSection {...section} />
          <FormsSection {...section} />
        </View>
      )}
      {tab === 'preview' && <PreviewSection body={body} schemeId={s.schemeId} />}
      {tab === 'diff' && <DiffSection schemeId={s.schemeId} versions={detail.versions} />}
      {!readOnly && tab !== 'diff' && (
        <View className='scheme__save'>
          <Input className='admin__input' placeholder='修改说明（可不填），如：满意线改为80%' value={note} onInput={(e) => setNote(e.detail.value)} data-testid='save-note' />
          <Button type='primary' block loading={busy} disabled={busy || !dirty || problems.length > 0} data-testid='scheme-save' onClick={() => void save()}>
            {dirty ? (problems.length > 0 ? '请先改正上面的问题' : `保存为第${latest + 1}版`) : '未修改'}
          </Button>
        </View>
      )}
    </View>
  );
}
