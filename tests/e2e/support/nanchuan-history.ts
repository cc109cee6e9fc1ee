import { randomUUID } from 'node:crypto';
import type { ApiClient } from '../../support/http';
import { createProgramme, keepPendingFlags, seedSmallCounty } from '../../support/fixtures';

/**
 * 南川 quarters of 2026 through the HTTP API (rounds `nc1`, `nc2` …), as the history-rule
 * integration test builds them: every ballot comes through the sampling link; s11's ballots tick
 * 冷, 懒 and 推, every other section's only 冷, so s11 is the worst (rank 1) wherever it is ranked.
 * A section needs 30 ballots to be ranked at all. Every quarter is a round of one quarterly
 * programme, `nc`, so each reads the published quarters before it as history.
 */
export class NanchuanHistory {
  private citizens: string[] = [];

  constructor(
    private readonly api: ApiClient,
    private readonly supervisor: string,
  ) {}

  static quarterLabel = (q: number) => `2026年第${q}季度`;
  static programmeId = 'nc';

  /** Creates, fills and closes quarter `q` (`counts`: ballots per section); publishes it when asked. */
  async quarter(q: number, counts: Record<string, number>, opts: { publish: boolean }): Promise<string> {
    const roundId = `nc${q}`;
    const period = { kind: 'quarter', label: NanchuanHistory.quarterLabel(q), start: `2026-${String(q * 3 - 2).padStart(2, '0')}-01`, end: `2026-${String(q * 3).padStart(2, '0')}-28` };
    if (q === 1) await createProgramme(this.api, this.supervisor, { id: NanchuanHistory.programmeId, schemeId: 'nanchuan', name: '南川区“最难办事科室群众评”' });
    const county = await seedSmallCounty(this.api, { roundId, programmeId: NanchuanHistory.programmeId, schemeId: 'nanchuan', channels: ['sampling'], period, importOrg: q === 1 });
    const citizens = await this.citizensFor(Math.max(0, ...Object.values(counts)));
    for (const [section, n] of Object.entries(counts))
      for (const citizen of citizens.slice(0, n)) {
        const problems = section === 's11' ? ['cold', 'lazy', 'shirk'] : ['cold'];
        const r = await this.api.post('/ballots', { clientBallotId: randomUUID(), token: county.samplingToken, targetId: section, answers: { problems } }, citizen);
        if (r.status !== 201) throw new Error(`ballot for ${section} in ${roundId}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    await this.expectStatus(`/admin/rounds/${roundId}/close`, undefined, 200);
    if (opts.publish) await this.publish(roundId);
    return roundId;
  }

  async publish(roundId: string): Promise<void> {
    // A quarter's 30 ballots a section arrive within seconds: burst flags, kept (honest test crowd).
    await keepPendingFlags(this.api, roundId, this.supervisor);
    await this.expectStatus(`/admin/rounds/${roundId}/publish`, {}, 201);
  }

  /** One citizen session per ballot of a section; reused across sections and quarters. */
  private async citizensFor(n: number): Promise<string[]> {
    while (this.citizens.length < n) this.citizens.push(await this.api.login(`nanchuan-citizen-${this.citizens.length}`));
    return this.citizens.slice(0, n);
  }

  private async expectStatus(path: string, body: unknown, status: number): Promise<void> {
    const r = await this.api.post(path, body, this.supervisor);
    if (r.status !== status) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}
