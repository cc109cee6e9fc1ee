import type { ChannelKind } from '@shared/model/channel';
import type { ActionKind } from '@shared/scoring/action-kinds';
import type { Condition } from '@shared/scoring/conditions';
import { ACTION_ORDER } from '@shared/scoring/action-kinds';
import type { z } from 'zod';
import type { Ranking, RuleHistory } from '@shared/scoring/scheme';
import { setKnob } from './conditions';
import { copy, type Body } from './values';

/**
 * Every change the editor makes, as a pure function from one body to the next (the input is
 * never changed), so undo is keeping the old body and the tests check each change alone.
 */

type Component = Body['components'][number];

function withComponent(body: Body, id: string, change: (c: Component) => Component): Body {
  const next = copy(body);
  next.components = next.components.map((c) => (c.id === id ? change(c) : c));
  return next;
}

/**
 * The points of one option of one item on one form (undefined: the option scores nothing and a
 * component that averages points will refuse it).
 * @example setOptionPoints(tonghe, 'hearing', 'openness', 'good', 25)
 */
export function setOptionPoints(body: Body, formKey: string, itemId: string, value: string, points: number | undefined): Body {
  const next = copy(body);
  const item = next.forms[formKey]?.items.find((i) => i.id === itemId);
  const option = item?.options.find((o) => o.value === value);
  if (option) {
    if (points === undefined) delete option.points;
    else option.points = points;
  }
  return next;
}

/** An item's or an option's wording on one form. */
export function setItemLabel(body: Body, formKey: string, itemId: string, label: string): Body {
  const next = copy(body);
  const item = next.forms[formKey]?.items.find((i) => i.id === itemId);
  if (item) item.label = label;
  return next;
}

/**
 * Adds a form for an organisation type (泸西: 农村 / 机关 / 学校 / 社区), starting as a copy of the
 * general form; units whose type is `key` then answer it. Does nothing when the form exists.
 */
export function addOrgForm(body: Body, key: string, title: string): Body {
  if (body.forms[key] || !body.forms.default) return body;
  const next = copy(body);
  next.forms[key] = { ...copy(body.forms.default), title };
  return next;
}

/** Removes a form (never the general one, which every unit without its own type answers). */
export function removeForm(body: Body, key: string): Body {
  if (key === 'default' || !body.forms[key]) return body;
  const next = copy(body);
  delete next.forms[key];
  if (next.evaluatorMix) delete next.evaluatorMix[key];
  return next;
}

/**
 * Turns a channel on or off for a ballot component. Turning it on also enables the channel for
 * the scheme, so rounds on it can collect those ballots.
 * @example toggleChannel(luxi, 'satisfaction', 'window') // satisfaction no longer counts window ballots
 */
export function toggleChannel(body: Body, componentId: string, channel: ChannelKind): Body {
  const next = withComponent(body, componentId, (c) => {
    if (!('channels' in c)) return c;
    const on = c.channels.includes(channel);
    return { ...c, channels: on ? c.channels.filter((x) => x !== channel) : [...c.channels, channel] };
  });
  if (!next.channels.includes(channel)) next.channels = [...next.channels, channel];
  return next;
}

/**
 * One weight of a weighted component: its own parts (`group` undefined) or a group's
 * replacement parts. `weight` is a share (0.25 for 25%) or a multiplier.
 * @example setWeight(tonghe, 'total', undefined, 'survey', 0.3)
 */
export function setWeight(body: Body, componentId: string, group: string | undefined, part: string, weight: number): Body {
  return withComponent(body, componentId, (c) => {
    if (c.kind !== 'weighted') return c;
    const set = (parts: { component: string; weight: number }[]) => parts.map((p) => (p.component === part ? { ...p, weight } : p));
    if (group === undefined) return { ...c, parts: set(c.parts) };
    const byGroup = { ...(c.byGroup ?? {}) };
    if (byGroup[group]) byGroup[group] = set(byGroup[group]!);
    return { ...c, byGroup };
  });
}

/**
 * Replaces a ballot component by a number an office enters, keeping its id, label and place in
 * every weight: 通河's city statistics bureau hands over a finished survey score instead of
 * phone-ballot counts. Channels no component reads any more are dropped from the scheme.
 * @example toEntered(tonghe, 'survey', 0, 100).components[0] // { kind: 'input', id: 'survey', label: '群众满意度测评分', min: 0, max: 100 }
 */
export function toEntered(body: Body, componentId: string, min: number, max: number): Body {
  const next = withComponent(body, componentId, (c) => (c.kind === 'input' ? c : { kind: 'input', id: c.id, label: c.label, min, max }));
  const read = new Set(next.components.flatMap((c) => ('channels' in c ? c.channels : [])));
  const kept = next.channels.filter((ch) => read.has(ch));
  if (kept.length > 0) next.channels = kept;
  if (next.channelForms) {
    for (const ch of Object.keys(next.channelForms) as ChannelKind[]) if (!kept.includes(ch)) delete next.channelForms[ch];
  }
  if (next.dedupe?.apart) next.dedupe = { ...next.dedupe, apart: next.dedupe.apart.filter((ch) => kept.includes(ch)) };
  return next;
}

/** The range an entered number must fall in (checked on every entry). */
export function setInputRange(body: Body, componentId: string, min: number, max: number): Body {
  return withComponent(body, componentId, (c) => (c.kind === 'input' ? { ...c, min, max } : c));
}

/** A component's Chinese name. */
export function setComponentLabel(body: Body, componentId: string, label: string): Body {
  return withComponent(body, componentId, (c) => ({ ...c, label }));
}

/**
 * The threshold of a grade band (a share for a percentage basis). 甘泉 at 80%:
 * @example setBandMin(ganquan, 'satisfied', 0.8).grades?.bands[0]?.min // 0.8
 */
export function setBandMin(body: Body, bandId: string, min: number): Body {
  const next = copy(body);
  const band = next.grades?.bands.find((b) => b.id === bandId);
  if (band) band.min = min;
  return next;
}

/** A grade band's name (满意 / 基本满意 …). */
export function setBandLabel(body: Body, bandId: string, label: string): Body {
  const next = copy(body);
  const band = next.grades?.bands.find((b) => b.id === bandId);
  if (band) band.label = label;
  return next;
}

export type RankingPatch = Partial<Pick<Ranking, 'direction' | 'higherIs' | 'silent'>> & {
  rounding?: 'floor' | 'round' | 'ceil';
  tiesBest?: 'include' | 'exclude';
  tiesWorst?: 'include' | 'exclude';
};

/**
 * The ranking's direction and its quota rules (how a share turns into places, what a tie at the
 * cut gets). A scheme without a ranking gets one (best first, higher is better).
 */
export function setRanking(body: Body, patch: RankingPatch): Body {
  const next = copy(body);
  const r = next.ranking ?? { direction: 'best-first', higherIs: 'better' };
  const { rounding, tiesBest, tiesWorst, ...own } = patch;
  Object.assign(r, own);
  if (rounding !== undefined || tiesBest !== undefined || tiesWorst !== undefined) {
    const quota = r.quota ?? {};
    if (rounding !== undefined) quota.rounding = rounding;
    if (tiesBest !== undefined || tiesWorst !== undefined) quota.ties = { ...(quota.ties ?? {}), ...(tiesBest ? { best: tiesBest } : {}), ...(tiesWorst ? { worst: tiesWorst } : {}) };
    r.quota = quota;
  }
  next.ranking = r;
  return next;
}

/** A ranking group's name (执法监督组 …). */
export function setGroupLabel(body: Body, groupId: string, label: string): Body {
  const next = copy(body);
  const g = next.groups?.find((x) => x.id === groupId);
  if (g) g.label = label;
  return next;
}

/**
 * Adds a ranking group; units are placed in groups when a programme or round is created.
 * Refuses (returns the body unchanged) an id already used.
 */
export function addGroup(body: Body, id: string, label: string): Body {
  if (body.groups?.some((g) => g.id === id)) return body;
  const next = copy(body);
  next.groups = [...(next.groups ?? []), { id, label }];
  return next;
}

type RuleInput = NonNullable<Body['rules']>[number];

function withRule(body: Body, ruleId: string, change: (r: RuleInput) => RuleInput): Body {
  const next = copy(body);
  next.rules = (next.rules ?? []).map((r) => (r.id === ruleId ? change(r) : r));
  return next;
}

/**
 * One number of a rule's condition (see conditionKnobs for the paths).
 * @example setRuleKnob(tonghe, 'tonghe-satisfied-unit', ['top'], 0.3) // top 30% instead of 40%
 */
export function setRuleKnob(body: Body, ruleId: string, path: (string | number)[], value: number): Body {
  return withRule(body, ruleId, (r) => ({ ...r, when: setKnob(r.when as Condition, path, value) }));
}

/** One number of a grade override's condition (甘泉: 回收率不足60%). */
export function setOverrideKnob(body: Body, index: number, path: (string | number)[], value: number): Body {
  const next = copy(body);
  const o = next.grades?.overrides?.[index];
  if (o) o.when = setKnob(o.when as Condition, path, value);
  return next;
}

/** Over how many rounds, quarters or years a rule looks back; undefined: this round alone. */
export function setRuleHistory(body: Body, ruleId: string, history: z.input<typeof RuleHistory> | undefined): Body {
  return withRule(body, ruleId, (r) => {
    const { history: _old, ...rest } = r;
    return history ? { ...rest, history } : rest;
  });
}

/** Adds or removes a kind of action a rule orders; kept in the mildest-first order. */
export function toggleRuleAction(body: Body, ruleId: string, action: ActionKind): Body {
  return withRule(body, ruleId, (r) => {
    const had = r.actions ?? [];
    const set = had.includes(action) ? had.filter((a) => a !== action) : [...had, action];
    const { actions: _old, ...rest } = r;
    return set.length ? { ...rest, actions: ACTION_ORDER.filter((a) => set.includes(a)) } : rest;
  });
}

/** A rule's name and the sentence the published result says. */
export function setRuleWords(body: Body, ruleId: string, words: { label?: string; text?: string }): Body {
  return withRule(body, ruleId, (r) => ({ ...r, ...words }));
}

/** The scheme's own name. */
export function setName(body: Body, name: string): Body {
  return { ...copy(body), name };
}
