import { SCHEME_PRESETS, SCHEME_PRESET_IDS } from '@shared/schemes';
import type { ChannelKind } from '@shared/model/channel';
import type { OrgNode } from '@shared/model/org';
import type { Round } from '@shared/model/round';
import { ratingUnit, SchemeForms } from '@shared/model/scheme-forms';
import { dedupeKeyOf } from '../../functions/src/domain/ballots/keys';

/**
 * One rating per evaluator per target per round across every channel and window, except where
 * the scheme says otherwise (SchemeForms.dedupe): checked for every preset, on the dedupe key the
 * ballot transaction writes its marker under.
 */
const section: OrgNode = { id: 's11', kind: 'section', name: '户政科', parentId: 'u1', path: ['c1', 'u1', 's11'], createdAt: '2026-01-01T00:00:00Z' };
const w1: OrgNode = { id: 'w111', kind: 'window', name: '1号窗口', parentId: 's11', path: ['c1', 'u1', 's11', 'w111'], createdAt: '2026-01-01T00:00:00Z' };
const w2: OrgNode = { id: 'w112', kind: 'window', name: '2号窗口', parentId: 's11', path: ['c1', 'u1', 's11', 'w112'], createdAt: '2026-01-01T00:00:00Z' };
const round = (targetKind: Round['targetKind']) => ({ id: 'r1', windowDedupeHours: 24, targetKind }) as Round;
const monday = new Date('2026-11-02T02:00:00Z');
const tuesday = new Date('2026-11-03T02:00:00Z');
/** The channels a citizen or panel member files through the ballot pipeline (sheets and phone rows have their own keys). */
const BALLOT_CHANNELS: ChannelKind[] = ['window', 'sampling', 'directed', 'hearing'];

type Scheme = Pick<SchemeForms, 'dedupe'>;
const key = (scheme: Scheme, r: Round, channel: ChannelKind, target: OrgNode, window: OrgNode | undefined, now = monday) =>
  dedupeKeyOf({ round: r, target, channel, ...(window ? { windowId: window.id } : {}), evaluator: 'eve', now, scheme });

describe.each(SCHEME_PRESET_IDS)('preset %s', (id) => {
  const scheme = SCHEME_PRESETS[id]!;
  const channels = scheme.channels.filter((c) => BALLOT_CHANNELS.includes(c));
  const apart = new Set(scheme.dedupe?.apart ?? []);

  it('counts one evaluator once per section per round across its channels and windows', () => {
    const r = round('section');
    const shared = channels.filter((c) => !apart.has(c));
    const keys = shared.flatMap((c) => (c === 'window' ? [key(scheme, r, c, section, w1), key(scheme, r, c, section, w2, tuesday)] : [key(scheme, r, c, section, undefined)]));
    expect(new Set(keys).size).toBe(shared.length > 0 ? 1 : 0);
  });

  it('keeps the channels it names apart counted once per round on their own', () => {
    const r = round('section');
    for (const c of apart) {
      expect(key(scheme, r, c, section, undefined)).toBe(key(scheme, r, c, section, undefined, tuesday));
      for (const other of channels.filter((o) => o !== c)) expect(key(scheme, r, c, section, undefined)).not.toBe(key(scheme, r, other, section, other === 'window' ? w1 : undefined));
    }
  });

  it('rates each visit only where it says so: a window round rating windows, one per window per China-time day', () => {
    if (!channels.includes('window')) return;
    const r = round('window');
    const perVisit = scheme.dedupe?.perVisit?.includes('window') ?? false;
    expect(ratingUnit(scheme, 'window', true)).toBe(perVisit ? 'visit' : 'round');
    const first = key(scheme, r, 'window', w1, w1);
    expect(key(scheme, r, 'window', w1, w1, tuesday) !== first).toBe(perVisit);
    // 23:30 and 00:30 China time are two days; 07:00 and 23:00 one.
    expect(key(scheme, r, 'window', w1, w1, new Date('2026-11-02T15:30:00Z')) !== key(scheme, r, 'window', w1, w1, new Date('2026-11-02T16:30:00Z'))).toBe(perVisit);
    expect(key(scheme, r, 'window', w1, w1, new Date('2026-11-01T23:00:00Z'))).toBe(key(scheme, r, 'window', w1, w1, new Date('2026-11-02T15:00:00Z')));
    // Another window is another target in a window round, whatever the rule.
    expect(key(scheme, r, 'window', w2, w2)).not.toBe(first);
  });
});

describe('the dedupe rule as data', () => {
  it('defaults to once per target per round when a scheme names nothing', () => {
    for (const c of BALLOT_CHANNELS) expect(ratingUnit({}, c, true)).toBe('round');
  });

  it('refuses a per-visit channel other than window: only window ballots have visits', () => {
    const base = { id: 'x-scheme', name: 'x', channels: ['sampling'], forms: { default: { title: 't', comment: false, items: [{ id: 'overall', label: '总体', kind: 'single', required: true, options: [{ value: 'ok', label: '满意' }] }] } } };
    expect(SchemeForms.safeParse({ ...base, dedupe: { perVisit: ['sampling'] } }).success).toBe(false);
    expect(SchemeForms.safeParse({ ...base, dedupe: { perVisit: ['window'], apart: ['hearing'] } }).success).toBe(true);
  });
});
