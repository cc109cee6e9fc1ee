import { randomUUID } from 'node:crypto';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { seedSmallCounty, type SmallCounty } from '../support/fixtures';
import { recount } from '../../functions/src/domain/recount';

let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  county = await seedSmallCounty(api);
}, 30_000);
afterAll(() => stack.close());

const EVALUATORS = 250;
const WINDOWS = ['w111', 'w112', 'w121', 'w211'];

it('counts 500 concurrent submissions with retries and duplicates exactly once each', async () => {
  const sessions = await Promise.all(Array.from({ length: EVALUATORS }, (_, i) => api.login(`crowd-${i}`)));
  type Send = { evaluator: number; kind: 'original' | 'retry' | 'rival'; body: Record<string, unknown> };
  const originals = sessions.map((_, i) => ({
    clientBallotId: randomUUID(),
    token: county.windowTokens[WINDOWS[i % 4]!]!,
    // w211 belongs to the school section, whose form has no problems item.
    answers: i % 4 === 3 ? { overall: 'satisfied' } : { overall: i % 3 === 0 ? 'unsatisfied' : 'satisfied', problems: i % 5 === 0 ? ['lazy'] : [] },
  }));
  const sends: Send[] = [];
  originals.forEach((body, i) => {
    sends.push({ evaluator: i, kind: 'original', body });
    if (i < 125) sends.push({ evaluator: i, kind: 'retry', body });
    // A second, different ballot from the same person at the same window the same day.
    if (i < 125) sends.push({ evaluator: i, kind: 'rival', body: { ...body, clientBallotId: randomUUID(), answers: { overall: 'unsatisfied' } } });
  });
  expect(sends).toHaveLength(500);
  // Shuffle so retries and rivals race their originals.
  for (let i = sends.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [sends[i], sends[j]] = [sends[j]!, sends[i]!];
  }
  // A 503 STORE_UNAVAILABLE (transaction conflicts on a hot rate counter — all 500 come from one
  // address — past the store's time budget on a loaded machine) is resent with the same body, as
  // the client's queue does; a deadline, not a count, bounds it.
  const deadline = Date.now() + 240_000;
  const post = async (s: Send) => {
    for (;;) {
      const res = await api.post('/ballots', s.body, sessions[s.evaluator]);
      if (res.status !== 503 || Date.now() > deadline) return res;
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
    }
  };
  const responses = await Promise.all(sends.map(async (s) => ({ ...s, res: await post(s) })));

  for (const r of responses) expect([200, 201, 409]).toContain(r.res.status);
  const accepted = responses.filter((r) => r.res.status === 200 || r.res.status === 201);
  const receipts = new Set(accepted.map((r) => r.res.body.receipt.receiptId as string));
  // Per evaluator: exactly one ballot wins, and every success names that same receipt.
  for (let i = 0; i < EVALUATORS; i++) {
    const mine = accepted.filter((r) => r.evaluator === i);
    expect(new Set(mine.map((r) => r.res.body.receipt.receiptId)).size).toBe(1);
    expect(mine.filter((r) => r.res.status === 201)).toHaveLength(1);
  }
  const conflicts = responses.filter((r) => r.res.status === 409);
  for (const c of conflicts) expect(c.res.body.error.code).toBe('DUPLICATE_BALLOT');

  const tallies = (await api.get(`/rounds/${county.roundId}/tallies`, county.admin)).body.targets;
  const tallied = tallies.reduce((sum: number, t: { channels: { window?: { ballots: number } } }) => sum + (t.channels.window?.ballots ?? 0), 0);
  const report = await recount(stack.deps, county.roundId);
  expect(receipts.size).toBe(EVALUATORS);
  expect(report.ballots).toBe(EVALUATORS);
  expect(tallied).toBe(EVALUATORS);
  expect(report.mismatches).toEqual([]);
}, 300_000);
