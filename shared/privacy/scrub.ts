import { cleanCitizenText } from './text';

/**
 * Masks what could identify the person who wrote a comment before unit staff read it, so a
 * rated unit cannot find — and retaliate against — its critics.
 *
 * It works in two passes over one text:
 * 1. **Normalise** a shadow copy, character for character, so every disguise looks plain:
 *    unwanted characters removed (shared/privacy/text.ts), NFKC (full-width １３８ and ＱＱ,
 *    circled ①, maths 𝟏 become ASCII), Cyrillic/Greek lookalike letters become Latin, keycap
 *    marks and variation selectors vanish, and inside a digit run Chinese digits (一三八, 壹叁捌,
 *    幺) and lookalike letters (O → 0, l/I/| → 1) become digits.
 * 2. **Mask** on the shadow, then star the same characters of the text as written (its own
 *    punctuation and spacing stay, so staff still read the citizen's words):
 *    - any digit run of 7 or more digits, whatever separates them (spaces, dots, dashes,
 *      brackets, commas, 。, ·): mobiles (138.1234.5678, 1381 234 5678, +86 …), landlines
 *      ((0755)12345678, 0755-1234567), ID numbers (with spaces, ending in X), bank cards, case
 *      numbers — except a plain date (2026-11-23);
 *    - QQ numbers and WeChat ids after their keyword (QQ 12345, 微信号 zhang_san88, vx: …);
 *    - e-mail addresses, also written with (at), 艾特, (dot) or 点;
 *    - licence plates (京A·12345, 京a12345, 粤B D12345);
 *    - self-introductions: 我叫张三, 我姓张名三, 姓名：李四, 本人张三, 我是张三, 联系人/签名 …
 * Names of staff with a title (王科长) are kept: naming who served you is the point of a comment.
 * The original stays with the ballot, readable only by the supervising office.
 * @example scrubComment('我叫张三，电话１３８ 1234 5678') // '我叫**，电话*************'
 */
export function scrubComment(text: string): string {
  const written = Array.from(cleanCitizenText(text));
  const { letters, digits, origin } = normalise(written);
  const masked = new Array<boolean>(written.length).fill(false);
  const mark = (from: number, to: number) => {
    if (to <= from) return;
    for (let i = origin[from]!; i <= origin[to - 1]!; i++) masked[i] = true;
  };
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of (rule.on === 'digits' ? digits : letters).matchAll(rule.re)) {
      if (rule.skip?.(m[0])) continue;
      if (!rule.mask) {
        mark(m.index!, m.index! + m[0].length);
        continue;
      }
      // The groups cover the match in order, so each one starts where the ones before it end.
      let at = m.index!;
      for (let g = 1; g < m.length; g++) {
        const part = m[g] ?? '';
        if (rule.mask.includes(g)) mark(at, at + part.length);
        at += part.length;
      }
    }
  }
  // A keycap or variation selector after a masked digit goes with it.
  for (let i = 1; i < written.length; i++) if (masked[i - 1] && DECORATION.test(written[i]!)) masked[i] = true;
  return written.map((c, i) => (masked[i] ? '*' : c)).join('');
}

/** Separators a number may be broken up with (never a newline). */
const SEP = String.raw`[^\S\n]|[.\-_~·•・。,、/\\()—–−‐‑‒―]`;
const DIGITISH = '0-9〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖Oo|Il';
const CHINESE_DIGITS: Record<string, string> = {
  〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
  壹: '1', 贰: '2', 叁: '3', 肆: '4', 伍: '5', 陆: '6', 柒: '7', 捌: '8', 玖: '9',
  O: '0', o: '0', I: '1', l: '1', '|': '1',
};
const STRONG_DIGIT = /[0-9〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖]/;
/** Cyrillic and Greek letters that pass for Latin ones (and for 0, 3, 6). */
const LOOKALIKES: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y', к: 'k', м: 'm', т: 't', н: 'h', і: 'i', ј: 'j', ѕ: 's', в: 'b',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I',
  Ο: 'O', ο: 'o', Ι: 'I', ι: 'i', Α: 'A', Β: 'B', Ε: 'E', Κ: 'K', Μ: 'M', Ν: 'N', Ρ: 'P', Τ: 'T', Χ: 'X', Υ: 'Y',
  З: '3', з: '3', б: '6', Б: '6',
};
/** Marks that only decorate the character before them (keycaps 1️⃣, variation selectors). */
const DECORATION = /^[\ufe00-\ufe0f\u20e3\u20dd\u20de]$/;

/**
 * Two shadows of the text and, for each of their UTF-16 units, the index of the written character
 * it came from: `letters` (NFKC, lookalikes) for names, plates, e-mail and ids, and `digits`
 * (the same, with spelled-out digits turned into digits) for numbers. Same length, unit for unit.
 */
function normalise(written: string[]): { letters: string; digits: string; origin: number[] } {
  const units: string[] = [];
  const origin: number[] = [];
  written.forEach((c, i) => {
    if (DECORATION.test(c)) return;
    const n = (LOOKALIKES[c] ?? c.normalize('NFKC')).replace(/[\ufe00-\ufe0f\u20e3]/g, '');
    for (const u of n.split('')) {
      units.push(LOOKALIKES[u] ?? u);
      origin.push(i);
    }
  });
  const letters = units.join('');
  // Digit runs written with Chinese digits or lookalike letters become plain digits, but only
  // in runs long enough to be a number (一二三 in a sentence stays words), with at least three
  // Chinese digits for those to count, and never a weak character at the run's edge that a
  // separator parts from it (the 三 of 张三，138… or the o of Hello 138…).
  const digits = [...units];
  const runs = new RegExp(`[${DIGITISH}](?:(?:${SEP}){0,2}[${DIGITISH}]){6,}`, 'g');
  for (const m of letters.matchAll(runs)) {
    const chars = Array.from(m[0]);
    if (chars.filter((c) => STRONG_DIGIT.test(c)).length < 5) continue;
    const chinese = chars.filter((c) => STRONG_DIGIT.test(c) && !/[0-9]/.test(c)).length >= 3;
    const sep = new RegExp(`^(?:${SEP})$`);
    let from = m.index!;
    let to = m.index! + m[0].length;
    if (!/[0-9]/.test(units[from]!) && sep.test(units[from + 1] ?? '')) from++;
    if (!/[0-9]/.test(units[to - 1]!) && sep.test(units[to - 2] ?? '')) to--;
    for (let k = from; k < to; k++) {
      const u = units[k]!;
      const mapped = CHINESE_DIGITS[u];
      if (mapped && (chinese || !STRONG_DIGIT.test(u))) digits[k] = mapped;
    }
  }
  return { letters, digits: digits.join(''), origin };
}

interface Rule {
  re: RegExp;
  /** Which shadow the rule reads; `letters` unless said. */
  on?: 'digits';
  /**
   * Mask only these capture groups (the keyword before an id stays). A rule that names groups
   * captures its whole match as consecutive groups, so their offsets add up without the `d` flag.
   */
  mask?: number[];
  skip?: (match: string) => boolean;
}

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领';
/** Common surnames (百家姓, the most frequent), for 我是/本人 + a name; 于 is left out (本人于…). */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付邱侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔汤';
const COMPOUND_SURNAMES = '欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|令狐|夏侯|端木|独孤|南宫|西门';
/** A character that can be part of a name: Chinese, but not a particle, pronoun or verb that ends the name. */
const NAME_CH = '(?![的了在来去是和与跟我你他她也都就要想到办说姓名叫，,。])[\\u4e00-\\u9fa5]';
/** Title words after a surname: that is a staff member being named (王科长), not the writer. */
const TITLE_NEXT = '(?!科|局|处|所|主任|经理|老师|医生|警官|同志|师傅|队长|站长|书记|股长)';

const RULES: Rule[] = [
  // Every digit run of 7+ digits (phones, landlines, IDs, cards, case numbers), but not a date.
  {
    on: 'digits',
    re: new RegExp(`\\+?\\d(?:(?:${SEP}){0,2}\\d){6,}(?:(?:${SEP}){0,2}[Xx](?![A-Za-z]))?`, 'g'),
    skip: (m) => /^(?:19|20)\d{2}([-./])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])$/.test(m),
  },
  // QQ numbers (5+ digits) after their keyword.
  { on: 'digits', re: new RegExp(`((?:qq|扣扣|企鹅|q号|球球)(?:号码|号|群)?(?:是|为)?(?:[:：=]|[^\\S\\n])*)(\\d(?:(?:${SEP}){0,2}\\d){4,})`, 'gi'), mask: [2] },
  // WeChat ids after their keyword: 6–20 characters, starting with a letter (a phone number as id is caught above).
  { re: /((?:微信|威信|薇信|徽信|v信|vx|wx|weixin|wechat)(?:号码|号|id)?(?:是|为)?(?:[:：=]|[^\S\n])*)([A-Za-z][-_A-Za-z0-9]{5,19})/gi, mask: [2] },
  // E-mail, also as "name (at) 163 (dot) com" or 艾特 / 点.
  {
    re: /[A-Za-z0-9._%+-]+[^\S\n]*(?:@|\(at\)|\[at\]|[^\S\n]at[^\S\n]|艾特|圈a)[^\S\n]*[A-Za-z0-9-]+(?:[^\S\n]*(?:\.|\(dot\)|\[dot\]|[^\S\n]dot[^\S\n]|点)[^\S\n]*[A-Za-z0-9-]+)+/gi,
  },
  // Licence plates: province, letter, optional dot or space, 5–6 letters/digits with a digit among them.
  { re: new RegExp(`[${PROVINCES}][^\\S\\n]?[A-Za-z](?:[^\\S\\n]|[·•・.\\-])?(?=[A-Za-z0-9]{0,5}\\d)[A-Za-z0-9]{5,6}(?![A-Za-z0-9])`, 'g') },
  // 我姓张名三 / 我姓张，叫三 / 我姓欧阳: the surname and the given name.
  { re: new RegExp(`(我姓)(${COMPOUND_SURNAMES}|${NAME_CH})(?:([,，]?(?:名字叫|名叫|单名|名|叫))(${NAME_CH}{1,2}))?`, 'g'), mask: [2, 4] },
  // 我叫张三, 姓名：李四, 联系人 王五, 签名：赵六 …
  {
    re: new RegExp(`((?:我叫|我名叫|我的名字叫|我的名字是|名字叫|名字是|名叫|姓名|名字|联系人|签名|署名|落款)(?:[:：]|[^\\S\\n])*)(${NAME_CH}{2,4})`, 'g'),
    mask: [2],
  },
  // 我是张三 / 本人张三 / 鄙人张三: only with a known surname, and not a staff title (我是王科长介绍来的 stays).
  { re: new RegExp(`((?:我是|本人|鄙人|在下)(?:[:：]|[^\\S\\n])*)((?:${COMPOUND_SURNAMES}|[${SURNAMES}])${TITLE_NEXT}${NAME_CH}{1,2})`, 'g'), mask: [2] },
  // English: "my name is Zhang San".
  { re: /(my name is )([A-Za-z]+(?: [A-Za-z]+)?)/gi, mask: [2] },
];
