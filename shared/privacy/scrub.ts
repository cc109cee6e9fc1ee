/**
 * Masks what could identify the person who wrote a comment before unit staff read it, so a
 * rated unit cannot find — and retaliate against — its critics. What is masked:
 * - mobile numbers (1[3-9] + 9 digits) and landlines (0xx(x)-xxxxxxx(x)), with or without separators;
 * - ID-card numbers (18 characters: 17 digits + digit/X) and 15-digit old ones;
 * - e-mail addresses and licence plates (京A12345);
 * - self-introductions: 我叫/我是/本人/姓名/名字 followed by a 2–4 character name.
 * Names of staff with a title (王科长) are kept: naming who served you is the point of a
 * comment. The original stays with the ballot, readable only by the supervising office.
 * @example scrubComment('我叫张三，电话13800138000') // '我叫**，电话***********'
 */
const PATTERNS: Array<[RegExp, (m: string, ...g: string[]) => string]> = [
  [/(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g, stars],
  [/(?<!\d)\d{15}(?!\d)/g, stars],
  [/(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)/g, stars],
  [/(?<!\d)0\d{2,3}[-\s]?\d{7,8}(?!\d)/g, stars],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, stars],
  [/[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-Z0-9]{5,6}/g, stars],
  [/(我叫|我是|本人|姓名[:：]?|名字[:：]?|名字叫)([\u4e00-\u9fa5]{2,4})/g, (_m, lead: string, name: string) => lead + '*'.repeat(name.length)],
];

function stars(m: string): string {
  return '*'.repeat(m.length);
}

export function scrubComment(text: string): string {
  return PATTERNS.reduce((out, [re, fn]) => out.replace(re, fn as (m: string) => string), text);
}
