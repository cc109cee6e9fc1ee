import type { CreateNodeRequest } from '@shared/api/org';
import type { Invitation } from '@shared/api/tokens';
import type { Deps } from '../domain/deps';
import { createNodes } from '../domain/org-admin';
import { createRound, transitionRound } from '../domain/rounds-admin';
import { createInvitations, issueSamplingLink, issueWindowQr } from '../domain/links-admin';
import { loadPublishedDemoRound } from './demo-history';
import { createProgramme } from '../domain/programmes/programmes';

/**
 * A realistic demo county (units after 通河县's 2011 list): 3 groups, 22 units, 66 sections,
 * 132 windows, two open rounds — a 甘泉-style window round (every window's QR) and a
 * 南川-style section round (a published sampling link and a small directed panel), and last
 * quarter's published section round; each round in its quarterly programme. Loaded through the
 * same use cases the admin API calls.
 */
const GROUPS: Array<{ id: string; name: string; units: Array<[string, string]> }> = [
  {
    id: 'zfjd',
    name: '执法监督组',
    units: [['gsj', '工商行政管理局'], ['dsj', '地方税务局'], ['gsw', '国家税务局'], ['wsj', '卫生局'], ['gaj', '公安局'], ['sfj', '司法局'], ['jtj', '交通局'], ['zjj', '质量技术监督局']],
  },
  {
    id: 'zhgl',
    name: '综合管理组',
    units: [['nyj', '农业局'], ['czj', '财政局'], ['mzj', '民政局'], ['fgj', '发改局'], ['rsj', '人力资源和社会保障局'], ['zjw', '住房和城乡建设局'], ['fcj', '房产局'], ['jyj', '教育局']],
  },
  { id: 'shfw', name: '社会服务组', units: [['dyj', '电业局'], ['yzj', '邮政局'], ['gps', '给排水公司'], ['ltg', '联通公司'], ['ydg', '移动公司'], ['dxg', '电信公司']] },
];
const SECTIONS = ['办公室', '审批服务科', '综合业务科'];
const WINDOWS = ['1号窗口', '2号窗口'];

export interface DemoData {
  /** 甘泉-style window satisfaction round: every window QR feeds it. */
  windowRoundId: string;
  /** 南川-style "hardest section" round: published sampling ballot and directed panel. */
  sectionRoundId: string;
  windowTokens: Array<{ windowId: string; name: string; scene: string; url: string }>;
  samplingUrl: string;
  samplingToken: string;
  invitations: Invitation[];
  /** Last quarter's section round, already published (public results, hash, ballot root). */
  /** Absent in a .data/ made before this demo round existed. */
  publishedRoundId?: string;
}

export function demoNodes(): CreateNodeRequest[] {
  const nodes: CreateNodeRequest[] = [];
  for (const g of GROUPS) {
    nodes.push({ id: g.id, kind: 'category', name: g.name, parentId: null });
    for (const [uid, uname] of g.units) {
      nodes.push({ id: uid, kind: 'unit', name: uname, parentId: g.id, formKey: 'agency' });
      SECTIONS.forEach((s, i) => {
        const sid = `${uid}-s${i + 1}`;
        nodes.push({ id: sid, kind: 'section', name: `${uname}${s}`, parentId: uid, formKey: 'agency' });
        WINDOWS.forEach((w, j) => nodes.push({ id: `${sid}-w${j + 1}`, kind: 'window', name: `${s}${w}`, parentId: sid }));
      });
    }
  }
  return nodes;
}

export const DEMO_WINDOW_ROUND = 'gq2026q4';
/** The demo's programmes (评议项目), all quarterly: the rounds of each are each other's history. */
export const DEMO_PROGRAMMES = { windows: 'gq-windows', sections: 'gq-sections', hardest: 'nc-sections' } as const;
export const DEMO_SECTION_ROUND = 'nc2026q4';
const PERIOD = { kind: 'quarter', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31' } as const;

export async function loadDemoData(deps: Deps): Promise<DemoData> {
  const nodes = await createNodes(deps, demoNodes());
  const now = deps.clock.now();
  const day = 86400_000;
  const window = { opensAt: new Date(now.getTime() - day).toISOString(), closesAt: new Date(now.getTime() + 60 * day).toISOString() };
  const office = 'acct:demo-supervisor';
  await createProgramme(deps, office, { id: DEMO_PROGRAMMES.windows, name: '窗口服务满意度测评（甘泉式，每季度）', schemeId: 'ganquan', cadence: 'quarter', yearStartMonth: 1, targetKind: 'window' });
  await createProgramme(deps, office, { id: DEMO_PROGRAMMES.sections, name: '科室服务满意度测评（甘泉式，每季度）', schemeId: 'ganquan', cadence: 'quarter', yearStartMonth: 1, targetKind: 'section' });
  await createProgramme(deps, office, { id: DEMO_PROGRAMMES.hardest, name: '“最难办事科室”群众评议（南川式，每季度）', schemeId: 'nanchuan', cadence: 'quarter', yearStartMonth: 1, targetKind: 'section' });
  await createRound(deps, {
    id: DEMO_WINDOW_ROUND,
    programmeId: DEMO_PROGRAMMES.windows,
    name: '2026年第四季度窗口服务满意度测评',
    period: PERIOD,
    schemeId: 'ganquan',
    targetKind: 'window',
    channels: ['window'],
    ...window,
    windowDedupeHours: 24,
    tallyShards: 4,
  });
  await createRound(deps, {
    id: DEMO_SECTION_ROUND,
    programmeId: DEMO_PROGRAMMES.hardest,
    name: '2026年第四季度“最难办事科室”群众评议',
    period: PERIOD,
    schemeId: 'nanchuan',
    targetKind: 'section',
    channels: ['sampling', 'directed'],
    ...window,
    windowDedupeHours: 24,
    tallyShards: 4,
  });
  await transitionRound(deps, DEMO_WINDOW_ROUND, 'open');
  await transitionRound(deps, DEMO_SECTION_ROUND, 'open');
  const windowTokens = [];
  for (const w of nodes.filter((n) => n.kind === 'window')) {
    const qr = await issueWindowQr(deps, w.id);
    windowTokens.push({ windowId: w.id, name: w.name, scene: qr.scene, url: qr.url });
  }
  const sampling = await issueSamplingLink(deps, DEMO_SECTION_ROUND);
  const invitations = await createInvitations(deps, DEMO_SECTION_ROUND, {
    members: Array.from({ length: 8 }, (_, i) => ({ memberId: `panel-${String(i + 1).padStart(3, '0')}` })),
    expiresAt: new Date(now.getTime() + 30 * day).toISOString(),
  });
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId ?? '']));
  const publishedRoundId = await loadPublishedDemoRound(deps, DEMO_PROGRAMMES.sections, windowTokens, (w) => parentOf.get(w)!);
  return { windowRoundId: DEMO_WINDOW_ROUND, sectionRoundId: DEMO_SECTION_ROUND, windowTokens, samplingUrl: sampling.url, samplingToken: sampling.token, invitations, publishedRoundId };
}
