/**
 * Short labels for the trend chart's round axis: "2026年第二季度" is about 90 px at 13 px, so three
 * rounds side by side run into each other on a phone. A year every label shares goes into the
 * chart's title instead; otherwise "2026年" shortens to "26年".
 * @example axisLabels(['2026年第三季度', '2026年第四季度']) // { labels: ['第三季度', '第四季度'], year: '2026年' }
 */
export function axisLabels(labels: string[]): { labels: string[]; year?: string } {
  const YEAR = /^(\d{4})年/;
  const years = new Set(labels.map((l) => YEAR.exec(l)?.[1]));
  const [only] = [...years];
  if (years.size === 1 && only !== undefined) {
    const stripped = labels.map((l) => l.replace(YEAR, ''));
    // A label that is only the year (an annual round) keeps it.
    if (stripped.every((l) => l.length > 0)) return { labels: stripped, year: `${only}年` };
  }
  return { labels: labels.map((l) => l.replace(/^\d{2}(\d{2})年/, '$1年')) };
}
