import type { Browser, Page } from 'playwright-core';
import { startStack, type TestStack } from '../support/stack';
import { apiClient, type ApiClient } from '../support/http';
import { ensureH5Build, H5_DIR, launchChromium, shot } from './support/browser';
import {
  chinaDay, closeRoundOnScreen, createProgrammeOnScreen, createRoundOnScreen, enterInputs, goAdmin, importOrganisation, issuePaperForms, issueWindowPoster,
  keyPaperForm, officePage, printAllForms, publishOnScreen, rateAsCitizen, readPublished, readReviewRanking, resolvePaperMismatch, text,
} from './support/office-ui';

jest.setTimeout(600_000);

/**
 * 甘泉 2014 (ganquan-2014.txt) from an empty county to a published result, through the admin
 * screens alone at phone size: the organisation imported from CSV, a yearly programme and its
 * round on three posts picked by name, 测评表 issued and printed, the returned forms keyed twice
 * by two clerks (one mismatch decided by a supervisor), citizens rating one post from its window
 * poster, that post's 服务人次 entered, close, review, publish. The API is read only to check.
 *
 * What the county hands out and gets back (the test computes every expected number from this):
 * 户政科 8 forms, 7 back, all 满意; 出入境管理科 6 forms, 3 back (2 满意); 社保科 no forms, 4 citizens
 * rate it from the poster (3 满意) of 5 served.
 */
type Answer = 'satisfied' | 'unsatisfied';
type Post = { id: string; name: string; window: { id: string; name: string }; issued?: number; served?: number; answers: Answer[] };
const POSTS: Post[] = [
  { id: 's11', name: '户政科', window: { id: 'w111', name: '户政1号窗口' }, issued: 8, answers: ['satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied'] },
  { id: 's12', name: '出入境管理科', window: { id: 'w121', name: '出入境1号窗口' }, issued: 6, answers: ['satisfied', 'satisfied', 'unsatisfied'] },
  { id: 's21', name: '社保科', window: { id: 'w211', name: '社保1号窗口' }, served: 5, answers: ['satisfied', 'satisfied', 'satisfied', 'unsatisfied'] },
];
const UNIT_OF: Record<string, string> = { s11: '县公安局', s12: '县公安局', s21: '县人社局' };
const ORG_CSV = [
  '类型,编号,名称,上级编号,表单',
  '组别,c1,权力部门和窗口单位,,',
  '单位,u1,县公安局,c1,',
  '单位,u2,县人社局,c1,',
  ...POSTS.flatMap((p) => [`科室,${p.id},${p.name},${p.id === 's21' ? 'u2' : 'u1'},`, `窗口,${p.window.id},${p.window.name},${p.id},`]),
].join('\n');

/** The 甘泉 rules, as the document states them, applied to what the test entered. */
function expected(p: Post) {
  const n = p.answers.length;
  const satisfaction = p.answers.filter((a) => a === 'satisfied').length / n;
  const base = p.issued ?? p.served!;
  const returnRate = n / base;
  // 测评表回收率不足60%的视为“不满意”等次; 满意度85%以上(含85%)的为“满意”.
  const grade = returnRate < 0.6 ? '不满意' : satisfaction >= 0.85 ? '满意' : '不满意';
  return { satisfaction, returnRate, n, base, grade };
}
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

let stack: TestStack;
let api: ApiClient;
let browser: Browser;

beforeAll(async () => {
  ensureH5Build();
  stack = await startStack({ staticDir: H5_DIR });
  api = apiClient(stack.baseUrl);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('甘泉 through the admin screens alone', () => {
  it('goes from an empty county to a published result with 回收率, 等次 and consequences', async () => {
    const base = stack.baseUrl;
    const office = await officePage(browser, base, '纪委王主任', '/admin/pages/rounds/index');
    const check = await api.login('check-ganquan', 'supervisor');

    // 1. The organisation, from the Chinese-headed CSV.
    expect(await importOrganisation(office, base, ORG_CSV)).toBe(`已导入 ${3 + POSTS.length * 2} 个节点`);
    expect((await api.get('/org?ids=s21,w211')).body.nodes.map((n: { parentId: string }) => n.parentId)).toEqual(['u2', 's21']);

    // 2. A yearly programme, and its round on the three posts picked by name.
    await createProgrammeOnScreen(office, base, { id: 'gq', name: '甘泉县群众和服务对象监督评价', schemeId: 'ganquan', cadence: 'year', targetKind: 'section' });
    const channels = await createRoundOnScreen(office, base, {
      id: 'gq2026', name: '2026年度窗口单位满意度测评', period: '2026年度', programmeId: 'gq', schemeId: 'ganquan', targetKind: 'section',
      targets: POSTS, start: chinaDay(-5), end: chinaDay(25),
    });
    expect(channels).toEqual(['window', 'hearing']);
    const round = (await api.get('/rounds/gq2026', check)).body.round;
    expect({ status: round.status, targetIds: [...round.targetIds].sort(), programmeId: round.programmeId }).toEqual({ status: 'open', targetIds: ['s11', 's12', 's21'], programmeId: 'gq' });
    await shot(office, '40-ganquan-round-created', { docs: true });

    // 3. 测评表 issued to the two posts that hand them out, printed, and read off the printed pages.
    const paperPosts = POSTS.filter((p) => p.issued);
    for (const p of paperPosts) await issuePaperForms(office, base, 'gq2026', [p.id], p.issued!);
    const printed = await printAllForms(office);
    expect(printed).toHaveLength(paperPosts.reduce((n, p) => n + p.issued!, 0));
    expect(new Set(printed.map((f) => f.serial)).size).toBe(printed.length);
    const serialsOf = (p: Post) => printed.filter((f) => f.text.includes(`${UNIT_OF[p.id]} · ${p.name}`)).map((f) => f.serial);
    for (const p of paperPosts) expect(serialsOf(p)).toHaveLength(p.issued!);
    expect(printed.every((f) => f.text.includes('群众和服务对象监督评价专用信封'))).toBe(true);

    // 4. The returned forms keyed twice, blind; the first 户政科 form is misread by clerk 乙.
    const returned = paperPosts.flatMap((p) => p.answers.map((answer, i) => ({ serial: serialsOf(p)[i]!, answer })));
    const misread = returned[0]!;
    const clerkA = await officePage(browser, base, '录入员甲', '/admin/pages/paper-intake/index?id=gq2026');
    for (const f of returned) expect(await keyPaperForm(clerkA, f.serial, { overall: f.answer })).toContain('已录入第一遍');
    const clerkB = await officePage(browser, base, '录入员乙', '/admin/pages/paper-intake/index?id=gq2026');
    for (const f of returned) {
      const wrong = f === misread ? { overall: f.answer === 'satisfied' ? 'unsatisfied' : 'satisfied' } : { overall: f.answer };
      expect(await keyPaperForm(clerkB, f.serial, wrong)).toContain(f === misread ? '两遍录入不一致' : '两遍录入一致，已计入');
    }
    await shot(clerkB, '41-ganquan-paper-second-keying', { docs: true });
    await resolvePaperMismatch(office, base, 'gq2026', misread.serial, '核对原件，勾选满意', { overall: misread.answer });

    // The paper page: 回收率 = counted ÷ issued, per post.
    await goAdmin(office, base, '/admin/pages/paper/index?id=gq2026');
    for (const p of paperPosts) {
      const row = office.getByTestId(`paper-row-${p.id}`);
      await row.waitFor({ timeout: 60_000 });
      expect(await text(row.getByTestId('paper-rate'))).toBe(`回收率 ${pct(expected(p).returnRate)}`);
    }
    await shot(office, '42-ganquan-paper-return-rate', { docs: true });

    // 5. 社保科 hands out no forms: its citizens rate from the window poster, and its 服务人次 is entered.
    const qrPosts = POSTS.filter((p) => !p.issued);
    for (const p of qrPosts) {
      const printed = new URL(await issueWindowPoster(office, base, p.window));
      expect(printed.searchParams.get('token')).toMatch(new RegExp(`^W\\.${p.window.id}\\.`));
      // The poster's link on the test server's own host and port (PUBLIC_BASE_URL is a placeholder here).
      const link = `${base}${printed.pathname}${printed.search}${printed.hash}`;
      for (const a of p.answers) expect(await rateAsCitizen(browser, link, { overall: a })).toMatch(/\S{4,}/);
    }
    const saved = await enterInputs(office, base, 'gq2026', [['单位', '服务人次'], ...qrPosts.map((p) => [p.name, String(p.served)])]);
    expect(saved).toContain(`已保存 ${qrPosts.length} 项`);
    await shot(office, '43-ganquan-inputs', { docs: true });

    // 6. Close (confirmed), review the ranking, publish after the preview.
    await closeRoundOnScreen(office, base, 'gq2026');
    const ranking = await readReviewRanking(office, base, 'gq2026');
    const bySatisfaction = [...POSTS].sort((a, b) => expected(b).satisfaction - expected(a).satisfaction);
    expect(new Set(POSTS.map((p) => expected(p).satisfaction)).size).toBe(POSTS.length); // no ties: ranks are positions
    expect(ranking.map((r) => r.targetId)).toEqual(bySatisfaction.map((p) => p.id));
    const last = bySatisfaction[bySatisfaction.length - 1]!;
    // 通报表扬 (>85% and 满意), 主要领导问责 (<75%), 不得评优 (<75% or 末位), 不得评为优秀 (不满意).
    const consequencesOf = (p: Post) => {
      const e = expected(p);
      return [
        ...(e.satisfaction > 0.85 && e.grade === '满意' ? ['通报表扬'] : []),
        ...(e.satisfaction < 0.75 ? ['主要领导问责'] : []),
        ...(e.satisfaction < 0.75 || p === last ? ['不得评优、诫勉谈话'] : []),
        ...(e.grade === '不满意' ? ['不得评为优秀'] : []),
      ];
    };
    const actionCount = POSTS.reduce((n, p) => n + consequencesOf(p).length, 0);
    const preview = await publishOnScreen(office);
    expect(preview).toContain(`将公布 ${POSTS.length} 个评议对象的结果（${POSTS.length} 个参加排名），处理措施 ${actionCount} 项。`);
    await shot(office, '44-ganquan-published', { docs: true });

    // 7. The published result, as anyone reads it.
    const published = await readPublished(office, base, 'gq2026');
    expect(published.rows.map((r) => r.targetId)).toEqual(bySatisfaction.map((p) => p.id));
    for (const [i, p] of bySatisfaction.entries()) {
      const row = published.rows[i]!;
      const e = expected(p);
      expect({ rank: row.rank, total: row.total, grade: row.grade }).toEqual({ rank: String(i + 1), total: pct(e.satisfaction), grade: e.grade });
      expect(row.lines.join(' ')).toContain(`测评表回收率 ${pct(e.returnRate)}（${e.n}/${e.base}）`);
      if (e.returnRate < 0.6) expect(row.lines.join(' ')).toContain('测评表回收率不足60%，视为“不满意”等次');
    }
    const shown = published.consequences;
    const wanted = POSTS.flatMap((p) => consequencesOf(p).map((label) => `${p.name}（第 ${bySatisfaction.indexOf(p) + 1} 名） ${label}`));
    expect([...shown].sort()).toEqual([...wanted].sort());
    await shot(office, '45-ganquan-public-result', { docs: true });

    // What the screens did, as the API holds it: every ballot counted on its channel, the snapshot's return rates.
    const results = (await api.get('/public/rounds/gq2026/results')).body.snapshot.results.targets as Array<{ targetId: string; components: Record<string, { numerator?: number; denominator?: number }> }>;
    for (const p of POSTS) {
      const t = results.find((x) => x.targetId === p.id)!;
      expect([t.components.return_rate!.numerator, t.components.return_rate!.denominator]).toEqual([expected(p).n, expected(p).base]);
    }
    const paper = (await api.get('/admin/rounds/gq2026/paper', check)).body;
    expect(paper.targets.map((t: { targetId: string; issued: number; counted: number }) => [t.targetId, t.issued, t.counted])).toEqual(
      paperPosts.map((p) => [p.id, p.issued, p.answers.length]),
    );
  });
});
