/**
 * Runs the longest files first so that two workers finish together: without a timing cache (a
 * fresh CI clone), jest orders by file size, and the five-minute load proof — a small file that
 * drives a large harness — would start last and run alone at the end.
 */
const Sequencer = require('@jest/test-sequencer').default;

/** Known long runners, longest first (seconds on a quiet 2-core machine in the comments). */
const FIRST = [
  'tests/integration/load-faults.test.ts', // ≈ 300
  'tests/integration/ballot-concurrency.test.ts', // ≈ 90
  'tests/integration/fuzz-requests.test.ts', // ≈ 90
];

const rank = (path) => {
  const i = FIRST.findIndex((f) => path.endsWith(f));
  return i === -1 ? FIRST.length : i;
};

class LongestFirst extends Sequencer {
  sort(tests) {
    // Stable: within a rank, jest's own order (cached durations, else size) stands.
    const ordered = super.sort(tests);
    return ordered.map((t, i) => [t, i]).sort((a, b) => rank(a[0].path) - rank(b[0].path) || a[1] - b[1]).map(([t]) => t);
  }
}

module.exports = LongestFirst;
