import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ballot, seedSmallCounty, type SmallCounty } from '../support/fixtures';

/**
 * Windows join a round only when the round says so: a window imported while a window round is
 * open does not take that round's ballots (or show it on its landing) unless the round was
 * created with `newWindowsJoin: true`. Windows that existed when the round opened always do.
 */
let stack: TestStack;
let api: ApiClient;
let county: SmallCounty;
let newToken: string;

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.baseUrl);
  // r1: the default (new windows do not join); r-join: on 户政科 only, new windows join.
  county = await seedSmallCounty(api);
  await seedSmallCounty(api, { roundId: 'r-join', name: '户政专项', importOrg: false, channels: ['window'], targetIds: ['s11'] });
});
afterAll(() => stack.close());

describe('a window imported while rounds are open', () => {
  it('is refused by a round that did not say new windows join', async () => {
    // Opened rounds have an openedAt strictly before this import (one request after another).
    const imported = await api.call('POST', '/admin/nodes/import', { raw: 'kind,id,name,parentId,formKey\nwindow,w113,户政3号窗口,s11,', contentType: 'text/csv', token: county.admin });
    expect(imported.status).toBe(201);
    newToken = (await api.post('/admin/windows/w113/qr', undefined, county.admin)).body.scene;
    const landing = await api.get(`/landing/${encodeURIComponent(newToken)}`);
    expect(landing.status).toBe(200);
    expect(landing.body.rounds).toEqual([]);

    const citizen = await api.login('new-window-citizen');
    const r = await api.post('/ballots', ballot(newToken, { roundId: 'r1' }), citizen);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body.error.code).toBe('TARGET_NOT_IN_ROUND');
    const tallies = await api.get('/rounds/r1/tallies', county.admin);
    const s11 = tallies.body.targets.find((t: { targetId: string }) => t.targetId === 's11');
    expect(s11?.channels.window?.ballots ?? 0).toBe(0);
  });

  it('keeps the windows that existed when the round opened in both rounds', async () => {
    const landing = await api.get(`/landing/${encodeURIComponent(county.windowTokens.w111!)}`);
    expect(landing.body.rounds.map((r: { roundId: string }) => r.roundId).sort()).toEqual(['r-join', 'r1']);
  });

  it('takes the ballots of a round created with newWindowsJoin', async () => {
    const created = await api.post(
      '/admin/rounds',
      {
        id: 'r-open-door',
        name: '新窗口可加入的轮次',
        period: { kind: 'quarter', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' },
        schemeId: 'test-pipeline',
        targetKind: 'section',
        targetIds: ['s12'],
        channels: ['window'],
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
        newWindowsJoin: true,
      },
      county.admin,
    );
    expect(created.status).toBe(201);
    expect(created.body.newWindowsJoin).toBe(true);
    expect((await api.post('/admin/rounds/r-open-door/open', undefined, county.admin)).status).toBe(200);
    const imported = await api.call('POST', '/admin/nodes/import', { raw: 'kind,id,name,parentId,formKey\nwindow,w122,出入境2号窗口,s12,', contentType: 'text/csv', token: county.admin });
    expect(imported.status).toBe(201);
    const token = (await api.post('/admin/windows/w122/qr', undefined, county.admin)).body.scene;

    const landing = await api.get(`/landing/${encodeURIComponent(token)}`);
    // r1 (opened before the import, no flag) is absent; the round that lets new windows join is there.
    expect(landing.body.rounds.map((r: { roundId: string }) => r.roundId)).toEqual(['r-open-door']);
    const citizen = await api.login('open-door-citizen');
    const r = await api.post('/ballots', ballot(token), citizen);
    expect(r.status).toBe(201);
    expect(r.body.receipt).toMatchObject({ roundId: 'r-open-door', targetId: 's12' });
  });
});
