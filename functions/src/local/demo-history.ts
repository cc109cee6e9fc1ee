import type { Deps } from '../domain/deps';
import { pseudonym } from '../domain/sessions';
import { createRound, transitionRound } from '../domain/rounds-admin';
import { submitBallot } from '../domain/ballots/submit-ballot';
import { setTargetInputs } from '../domain/target-inputs/set-inputs';
import { publishRound } from '../domain/publication';

export const DEMO_PUBLISHED_ROUND = 'gq2026q3';

/** A small deterministic generator: the demo county's last quarter is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Last quarter, already published: a 甘泉-style section round whose ballots come in through the
 * same submitBallot every citizen's ballot takes, then closed, given the forms handed out
 * (回收率) and published — so a fresh local run shows the public results page, rankings,
 * grades, consequences and the ballot root, not an empty list.
 */
export async function loadPublishedDemoRound(deps: Deps, programmeId: string, windowTokens: Array<{ windowId: string; scene: string }>, sectionOf: (windowId: string) => string): Promise<string> {
  const now = deps.clock.now().getTime();
  await createRound(deps, {
    id: DEMO_PUBLISHED_ROUND,
    programmeId,
    name: '2026年第三季度科室服务满意度测评',
    period: { kind: 'quarter', label: '2026年第三季度', start: '2026-07-01', end: '2026-09-30' },
    schemeId: 'ganquan',
    targetKind: 'section',
    channels: ['window'],
    opensAt: new Date(now - 86400_000).toISOString(),
    closesAt: new Date(now + 86400_000).toISOString(),
    windowDedupeHours: 24,
    tallyShards: 4,
  });
  await transitionRound(deps, DEMO_PUBLISHED_ROUND, 'open');
  const random = lcg(2026_09);
  const ballots = new Map<string, number>();
  let n = 0;
  for (const w of windowTokens) {
    // Most sections are liked; a few are not, so the worst places and consequences show.
    const liking = 0.55 + 0.45 * random();
    const count = 2 + Math.floor(random() * 6);
    for (let i = 0; i < count; i++, n++) {
      const session = { sub: pseudonym(deps.secrets.pseudonymKey, `demo:q3:${n}`), role: 'citizen' as const, exp: Math.floor(now / 1000) + 3600 };
      const overall = random() < liking ? 'satisfied' : 'unsatisfied';
      await submitBallot(deps, session, { clientBallotId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, token: w.scene, roundId: DEMO_PUBLISHED_ROUND, answers: { overall } });
    }
    const section = sectionOf(w.windowId);
    ballots.set(section, (ballots.get(section) ?? 0) + count);
  }
  await transitionRound(deps, DEMO_PUBLISHED_ROUND, 'closed');
  // Forms handed out: most sections get most back; every seventh got fewer than 60 % back.
  const rows = [...ballots].map(([targetId, got], i) => ({ targetId, set: { served: i % 7 === 3 ? Math.ceil(got / 0.5) : got + Math.floor(got * 0.2) } }));
  await setTargetInputs(deps, 'acct:demo-supervisor', DEMO_PUBLISHED_ROUND, rows);
  await publishRound(deps, 'acct:demo-supervisor', DEMO_PUBLISHED_ROUND, undefined);
  return DEMO_PUBLISHED_ROUND;
}
