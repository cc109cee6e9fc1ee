import { useEffect, useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import type { ProgrammeListResponse } from '@shared/api/programmes';
import { listProgrammes } from '../../../../api/programmes';
import { previewScheme, type Preview } from '../../../../api/schemes';
import { userMessage } from '../../../../api/errors';
import { Notice } from '../../../../components/notice';
import { emptySample, sampleColumns, sampleRequest, type SampleRow } from '../../schemes/model/sample';
import { rankMove } from '../../schemes/model/show';
import { showValue, type Body } from '../../schemes/model/values';
import { NumberBox } from '../parts/number-box';

type Props = { body: Body; schemeId: string };

/**
 * 预览: the edited body scored before it is saved, either on a programme's last published round
 * (beside what was published: ranks that move, consequences that appear or vanish) or on a
 * small table the clerk types in.
 */
export function PreviewSection({ body, schemeId }: Props) {
  const [mode, setMode] = useState<'published' | 'sample'>('sample');
  const [programmes, setProgrammes] = useState<ProgrammeListResponse['programmes']>([]);
  const [programmeId, setProgrammeId] = useState('');
  const [rows, setRows] = useState<SampleRow[]>(() => emptySample(body));
  const [result, setResult] = useState<Preview>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    listProgrammes().then((p) => {
      const own = p.programmes.filter((x) => !x.soloRound);
      setProgrammes(own);
      const mine = own.find((x) => x.schemeId === schemeId);
      if (mine) {
        setProgrammeId(mine.id);
        setMode('published');
      }
    }, () => undefined);
  }, [schemeId]);
  const columns = sampleColumns(body);
  const groups = body.groups ?? [];
  const setRow = (i: number, row: SampleRow) => setRows(rows.map((r, j) => (j === i ? row : r)));
  const run = async () => {
    setBusy(true);
    setError('');
    try {
      setResult(await previewScheme(mode === 'published' ? { body, programmeId } : sampleRequest(body, rows)));
    } catch (e) {
      setResult(undefined);
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const nameOf = (id: string) => result?.targets.find((t) => t.targetId === id)?.name ?? id;
  const groupOf = (id: string) => groups.find((g) => g.id === id)?.label ?? (id === 'all' ? '' : id);
  const total = (v: number | null | undefined) => (v === null || v === undefined ? '—' : showValue(body, body.total, v));
  return (
    <View data-testid='section-preview'>
      <View className='admin__card'>
        <Text className='admin__title'>预览计分结果</Text>
        <View className='admin__chips'>
          <Text className={`admin__chip ${mode === 'published' ? 'is-on' : ''}`} data-testid='preview-mode-published' onClick={() => setMode('published')}>用已公布的轮次重算</Text>
          <Text className={`admin__chip ${mode === 'sample' ? 'is-on' : ''}`} data-testid='preview-mode-sample' onClick={() => setMode('sample')}>填写示例数据</Text>
        </View>
        {mode === 'published' ? (
          <View>
            <Text className='admin__label'>评议项目（取其最近一次公布的轮次，按修改后的方案重新计分）</Text>
            {programmes.length === 0 && <Text className='admin__sub'>还没有评议项目</Text>}
            <View className='admin__chips'>
              {programmes.map((p) => (
                <Text key={p.id} className={`admin__chip ${programmeId === p.id ? 'is-on' : ''}`} onClick={() => setProgrammeId(p.id)}>{p.name}</Text>
              ))}
            </View>
          </View>
        ) : (
          <View>
            <Text className='admin__sub'>每个单位直接填写各分项得分（不含统计票数的过程），看权重、等次、名次和处理规则的效果。</Text>
            {rows.map((r, i) => (
              <View key={i} className='scheme__row' data-testid={`sample-row-${i}`}>
                <Input className='admin__input' placeholder={`单位${i + 1}名称`} value={r.name} onInput={(e) => setRow(i, { ...r, name: e.detail.value })} />
                {groups.length > 0 && (
                  <View className='admin__chips'>
                    {groups.map((g) => (
                      <Text key={g.id} className={`admin__chip ${r.group === g.id ? 'is-on' : ''}`} onClick={() => setRow(i, { ...r, group: g.id })}>{g.label}</Text>
                    ))}
                  </View>
                )}
                {columns.map((c) => (
                  <NumberBox key={c.id} label={c.label} value={r.values[c.id]} percent={c.percent} suffix='分' testId={`sample-${i}-${c.id}`} onChange={(v) => setRow(i, { ...r, values: { ...r.values, [c.id]: v } })} />
                ))}
              </View>
            ))}
            <Text className='admin__link' onClick={() => setRows([...rows, { name: '', group: groups[0]?.id ?? 'all', values: {} }])}>+ 再加一个单位</Text>
          </View>
        )}
        <Button type='primary' block loading={busy} disabled={busy || (mode === 'published' && !programmeId)} data-testid='preview-run' onClick={() => void run()}>预览</Button>
      </View>
      {error && <Notice tone='error' testId='preview-error'>{error}</Notice>}
      {result && (
        <View className='admin__card' data-testid='preview-result'>
          <Text className='admin__title'>{result.source.kind === 'published' ? `轮次 ${result.source.roundId}：公布结果与新方案对比` : '示例数据计分结果'}</Text>
          {result.targets.map((t) => {
            const moved = t.published && t.published.rank !== t.preview.rank;
            return (
              <View key={t.targetId} className='scheme__row' data-testid={`preview-target-${t.targetId}`}>
                <Text className='scheme__section'>{`${t.name ?? t.targetId}${groupOf(t.group) ? ` · ${groupOf(t.group)}` : ''}`}</Text>
                {t.published && (
                  <Text className='scheme__cell'>{`公布：第${t.published.rank ?? '—'}名 · ${total(t.published.total)}${t.published.grade ? ` · ${t.published.grade.label}` : ''}${t.published.consequences.length ? ` · ${t.published.consequences.map((c) => c.label).join('、')}` : ''}`}</Text>
                )}
                <Text className={`scheme__cell ${moved ? 'scheme__moved' : ''}`}>{`${t.published ? '新方案' : '结果'}：${t.preview.rank === null ? '未排名' : `第${t.preview.rank}名`} · ${total(t.preview.total)}${t.preview.grade ? ` · ${t.preview.grade.label}` : ''}${t.preview.consequences.length ? ` · ${t.preview.consequences.map((c) => c.label).join('、')}` : ''}`}</Text>
              </View>
            );
          })}
          {result.source.kind === 'published' && (
            <View data-testid='preview-changes'>
              <Text className='admin__label'>{`名次变化（${result.rankMoves.length}）`}</Text>
              {result.rankMoves.map((m) => <Text key={m.targetId} className='scheme__cell'>{`${nameOf(m.targetId)}：${rankMove(m.from, m.to)}`}</Text>)}
              <Text className='admin__label'>{`等次变化（${result.gradeChanges.length}）`}</Text>
              {result.gradeChanges.map((m) => <Text key={m.targetId} className='scheme__cell'>{`${nameOf(m.targetId)}：${m.from ?? '无'} → ${m.to ?? '无'}`}</Text>)}
              <Text className='admin__label'>{`新出现的处理（${result.consequencesAppear.length}）`}</Text>
              {result.consequencesAppear.map((c) => <Text key={`${c.targetId}-${c.ruleId}`} className='scheme__cell'>{`${nameOf(c.targetId)}：${c.label}`}</Text>)}
              <Text className='admin__label'>{`不再出现的处理（${result.consequencesVanish.length}）`}</Text>
              {result.consequencesVanish.map((c) => <Text key={`${c.targetId}-${c.ruleId}`} className='scheme__cell'>{`${nameOf(c.targetId)}：${c.label}`}</Text>)}
            </View>
          )}
        </View>
      )}
    </View>
  );
}
