import { getSchemePreset } from '../../../shared/schemes';
import { diffSchemes } from '../../../shared/schemes/diff';
import { comparePreview } from '../../../shared/schemes/preview';
import { scoreRound } from '../../../shared/scoring';
import type { Scheme } from '../../../shared/scoring/scheme';
import { tally } from '../scoring/builders';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const ganquan = getSchemePreset('ganquan')!;
const tonghe = getSchemePreset('tonghe')!;

describe('diffSchemes', () => {
  it('names a changed band minimum by its grade, and nothing else', () => {
    const v2 = clone(ganquan);
    v2.grades!.bands[0]!.min = 0.8;
    expect(diffSchemes(ganquan, v2)).toEqual([{ path: 'grades.bands.satisfied.min', label: '等次“满意”：下限', before: 0.85, after: 0.8 }]);
  });

  it('matches components by id: moving one is an order change, not every component changing', () => {
    const v2 = clone(tonghe);
    v2.components = [v2.components[1]!, v2.components[0]!, ...v2.components.slice(2)];
    expect(diffSchemes(tonghe, v2).map((c) => c.path)).toEqual(['components.(order)']);
  });

  it('reports a kind change and a removed channel; an identical body has no change', () => {
    const v2 = clone(tonghe) as Scheme;
    v2.channels = ['hearing'];
    const i = v2.components.findIndex((c) => c.id === 'survey');
    v2.components[i] = { kind: 'input', id: 'survey', label: '市统计局群众满意度调查得分', min: 0, max: 100 } as Scheme['components'][number];
    const paths = diffSchemes(tonghe, v2).map((c) => c.path);
    expect(paths).toEqual(expect.arrayContaining(['channels', 'components.survey.kind', 'components.survey.label', 'components.survey.max']));
    expect(paths).not.toContain('components.hearing.label');
    expect(diffSchemes(tonghe, clone(tonghe))).toEqual([]);
  });
});

describe('comparePreview', () => {
  // 甘泉: w1 90%, w2 80%, w3 70% satisfied, all forms back.
  const facts = {
    roundId: 'r',
    targets: [
      { targetId: 'w1', served: 10, channels: { window: tally('overall', { satisfied: 9, unsatisfied: 1 }) } },
      { targetId: 'w2', served: 10, channels: { window: tally('overall', { satisfied: 8, unsatisfied: 2 }) } },
      { targetId: 'w3', served: 10, channels: { window: tally('overall', { satisfied: 7, unsatisfied: 3 }) } },
    ],
  };

  it('lists the grade that changes and the consequence that vanishes at 80%', () => {
    const at80 = clone(ganquan);
    at80.grades!.bands[0]!.min = 0.8;
    const out = comparePreview(scoreRound(ganquan, facts), scoreRound(at80, facts), { kind: 'published', roundId: 'r', version: 1 });
    expect(out.gradeChanges).toEqual([{ targetId: 'w2', from: 'unsatisfied', to: 'satisfied' }]);
    expect(out.consequencesVanish).toEqual([{ targetId: 'w2', ruleId: 'ganquan-not-excellent', label: '不得评为优秀' }]);
    expect(out.consequencesAppear).toEqual([]);
    expect(out.rankMoves).toEqual([]);
    expect(out.targets.find((t) => t.targetId === 'w2')).toMatchObject({ published: { grade: { id: 'unsatisfied' } }, preview: { grade: { id: 'satisfied' } } });
  });

  it('a ranking turned around moves every rank but the middle one', () => {
    const reversed = clone(ganquan);
    reversed.ranking = { ...reversed.ranking!, direction: 'worst-first' };
    const out = comparePreview(scoreRound(ganquan, facts), scoreRound(reversed, facts), { kind: 'published', roundId: 'r' });
    expect(out.rankMoves).toEqual([
      { targetId: 'w1', from: 1, to: 3 },
      { targetId: 'w3', from: 3, to: 1 },
    ]);
  });

  it('a sample has only the new standing and no change lists', () => {
    const out = comparePreview(undefined, scoreRound(ganquan, facts), { kind: 'sample', roundId: 'r' });
    expect(out.targets.map((t) => [t.targetId, t.preview.grade?.label, 'published' in t])).toEqual([['w1', '满意', false], ['w2', '不满意', false], ['w3', '不满意', false]]);
    expect([out.rankMoves, out.gradeChanges, out.consequencesAppear, out.consequencesVanish]).toEqual([[], [], [], []]);
  });
});
