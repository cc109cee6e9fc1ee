import type { Page } from 'playwright-core';
import { shot } from './browser';

/** The 适老化 numbers a citizen page must meet (docs/client.md "Care mode"). */
export interface Limits {
  /** Smallest computed font size of visible text, CSS px. */
  text: number;
  /** Form fields: below 16 px iOS zooms the page on focus. */
  field: number;
  /** Smallest side of a tap target, CSS px. */
  tap: number;
  /** WCAG contrast ratio of text against what is behind it. */
  contrast: number;
}

export const NORMAL: Limits = { text: 16, field: 16, tap: 44, contrast: 4.5 };
export const CARE: Limits = { text: 18, field: 16, tap: 60, contrast: 4.5 };

export interface Offence {
  rule: 'text' | 'field' | 'tap' | 'contrast' | 'wrap' | 'width';
  what: string;
  value: number;
  limit: number;
}

/**
 * Measures the page as the browser lays it out: every visible text run's computed font size,
 * every tappable element's box (an element React gave an onClick, or a form field) and every text
 * run's contrast against the colours behind it (with ancestors' opacity and gradients); plus
 * face/option labels and staff figures broken over lines and a page wider than the phone. Disabled controls are
 * exempt from contrast (WCAG 1.4.3), as is text inside aria-hidden decorations.
 */
export async function measure(page: Page, limits: Limits): Promise<Offence[]> {
  return page.evaluate((lim) => {
    const out: Array<{ rule: string; what: string; value: number; limit: number }> = [];
    // The layout viewport: a page wider than the phone makes mobile Chromium zoom out, widening innerWidth too.
    const W = document.documentElement.clientWidth;
    const label = (el: Element) => {
      const text = (el.textContent ?? (el as HTMLInputElement).placeholder ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      const cls = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean).slice(0, 2).join('.');
      return `<${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}>「${text || (el as HTMLInputElement).placeholder || ''}」`;
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) return false;
      for (let e: Element | null = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.visibility === 'hidden' || cs.display === 'none' || cs.opacity === '0') return false;
        if (e.getAttribute('aria-hidden') === 'true') return false;
      }
      return true;
    };

    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA | undefined => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : undefined;
    };
    const over = (top: RGBA, under: RGBA): RGBA => [0, 1, 2].map((i) => top[i]! * top[3] + under[i]! * (1 - top[3])).concat(1) as RGBA;
    const lum = (c: RGBA) => {
      const ch = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
    };
    const ratio = (a: RGBA, b: RGBA) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    /** The colours behind an element: its background layers composited up to the first opaque one; one per gradient stop. */
    const backgrounds = (el: Element): RGBA[] => {
      const layers: RGBA[][] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        const stops = [...cs.backgroundImage.matchAll(/rgba?\([^)]*\)/g)].map((m) => parse(m[0])!).filter(Boolean);
        if (stops.length) layers.push(stops);
        const bg = parse(cs.backgroundColor);
        if (bg && bg[3] > 0) layers.push([bg]);
        if (layers.some((l) => l.every((c) => c[3] === 1))) break;
      }
      let result: RGBA[] = [[255, 255, 255, 1]];
      for (const layer of layers.reverse()) result = layer.flatMap((top) => result.map((under) => over(top, under)));
      return result;
    };
    const opacityOf = (el: Element) => {
      let o = 1;
      for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    };

    // Only the page in front: Taro H5 keeps earlier pages of the stack in the document.
    const pages = document.querySelectorAll('.taro_router > .taro_page');
    const root = pages.length ? pages[pages.length - 1]! : document.body;

    // Text: elements with a text node of their own.
    const texts = new Set<Element>();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const n = walker.currentNode;
      if (n.textContent?.trim() && n.parentElement && !['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(n.parentElement.tagName)) texts.add(n.parentElement);
    }
    for (const el of texts) {
      if (!shown(el)) continue;
      const cs = getComputedStyle(el);
      const size = parseFloat(cs.fontSize);
      if (size < lim.text - 0.05) out.push({ rule: 'text', what: label(el), value: Math.round(size * 10) / 10, limit: lim.text });
      if (el.closest('[disabled], .nut-button-disabled, [aria-disabled="true"]')) continue;
      const fg = parse(cs.color);
      if (!fg) continue;
      const alpha = fg[3] * opacityOf(el);
      const worst = Math.min(...backgrounds(el).map((bg) => ratio(over([fg[0], fg[1], fg[2], alpha], bg), bg)));
      if (worst < lim.contrast) out.push({ rule: 'contrast', what: `${label(el)} ${cs.color}`, value: Math.round(worst * 100) / 100, limit: lim.contrast });
    }

    // Form fields: font size (iOS zoom) and box.
    const fields = Array.from(root.querySelectorAll('input, textarea, select')).filter(shown);
    for (const f of fields) {
      const size = parseFloat(getComputedStyle(f).fontSize);
      if (size < lim.field - 0.05) out.push({ rule: 'field', what: label(f), value: Math.round(size * 10) / 10, limit: lim.field });
    }

    // Tap targets: what React listens to for taps, outermost only, plus the form fields.
    const hasTap = (el: Element) => Object.keys(el).some((k) => k.startsWith('__reactProps$') && typeof (el as unknown as Record<string, { onClick?: unknown }>)[k]?.onClick === 'function');
    const taps = Array.from(root.querySelectorAll('*')).filter((el) => hasTap(el) && shown(el));
    const outermost = taps.filter((el) => !taps.some((o) => o !== el && o.contains(el)));
    for (const el of [...outermost, ...fields]) {
      const r = el.getBoundingClientRect();
      // A whole-page container is not a tap target.
      if (r.width >= W && r.height > window.innerHeight / 2) continue;
      const side = Math.min(r.width, r.height);
      if (side < lim.tap - 0.5) out.push({ rule: 'tap', what: `${label(el)} ${Math.round(r.width)}×${Math.round(r.height)}`, value: Math.round(side), limit: lim.tap });
    }

    // Labels that must stay in one piece: a face's label and a staff figure (得分, 等次 …) on one line, a problem box in at most two.
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
    };
    for (const el of Array.from(root.querySelectorAll('.choice__options--face .choice__text, .unit__figure-value'))) if (shown(el) && lines(el) > 1) out.push({ rule: 'wrap', what: label(el), value: lines(el), limit: 1 });
    for (const el of Array.from(root.querySelectorAll('.choice__option.is-box .choice__text'))) if (shown(el) && lines(el) > 2) out.push({ rule: 'wrap', what: label(el), value: lines(el), limit: 2 });

    const width = document.documentElement.scrollWidth;
    if (width > W + 1) out.push({ rule: 'width', what: 'document', value: width, limit: W });
    return out;
  }, limits) as Promise<Offence[]>;
}

/** One line per offence, for a failure message that names what to fix. */
export function listOffences(offences: Offence[]): string {
  return offences.map((o) => `${o.rule}: ${o.what} = ${o.value} (limit ${o.limit})`).join('\n');
}

/**
 * Waits for the page in front to show `mode` (CarePage's data-care), measures it, saves the
 * screenshot `care-<mode>-<name>` and fails naming every element below the numbers.
 */
export async function checkCarePage(page: Page, name: string, mode: 'normal' | 'care'): Promise<void> {
  // Taro H5 keeps earlier pages of the stack in the document, hidden: wait for the one in front.
  await page.locator(`[data-care="${mode === 'care' ? 'on' : 'off'}"]:visible`).first().waitFor({ timeout: 60_000 });
  await page.evaluate(() => document.fonts.ready);
  // A button just back from its loading state fades in: measured mid-transition, white on a
  // half-faded red read 4.49:1. Finite transitions and animations end first (spinners never do).
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))));
  const limits = mode === 'care' ? CARE : NORMAL;
  const offences = await measure(page, limits);
  await shot(page, `care-${mode}-${name}`, { docs: true });
  if (offences.length) throw new Error(`${name} (${mode}): ${offences.length} element(s) below the numbers\n${listOffences(offences)}`);
}

/**
 * Puts the page into `mode` with the 关怀模式 switch of the page in front (the choice is remembered
 * on the device, so every later page opens in it) and checks that it survives a reload.
 */
export async function switchCareMode(page: Page, mode: 'normal' | 'care'): Promise<void> {
  const want = mode === 'care' ? 'on' : 'off';
  const front = page.locator('[data-care]:visible').first();
  await front.waitFor({ timeout: 60_000 });
  if ((await front.getAttribute('data-care')) !== want) await page.locator('[data-testid="care-toggle"]:visible').first().click();
  await page.locator(`[data-care="${want}"]:visible`).first().waitFor();
  await page.reload();
  await page.locator(`[data-care="${want}"]:visible`).first().waitFor({ timeout: 60_000 });
}
