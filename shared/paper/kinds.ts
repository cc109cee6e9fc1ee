import { z } from 'zod';
import type { ChannelKind } from '../model/channel';

/**
 * The kinds of paper an office hands out and keys back in (docs/paper.md):
 * - `envelope` 甘泉's 测评表: handed out after service, posted by the citizen in a pre-stamped
 *   envelope to the 纪委; a form that arrives after the round closed counts when its postmark
 *   is inside the round's period;
 * - `hearing` a hearing's scoring sheet (通河 质询团, 甘泉 集中测评);
 * - `monitor` / `inspection` 效能办 monitor-point and 明察暗访 sheets: they carry the day they
 *   were filled in, which may be earlier than the keying (a backlog), inside the round's period;
 * - `visit` 泸西's household visit and 民情恳谈 forms;
 * - `newspaper` 南川's ballot printed in the newspaper: the serials are stamped on the returned
 *   clippings as they arrive (no return rate: nobody knows how many copies were read).
 * `channel` is the channel a form's ballot counts on unless the issuer names another the round has.
 */
export const PAPER_KINDS = ['envelope', 'hearing', 'monitor', 'inspection', 'visit', 'newspaper'] as const;
export const PaperKind = z.enum(PAPER_KINDS);
export type PaperKind = z.infer<typeof PaperKind>;

export interface PaperKindRule {
  label: string;
  /** Channels a form of this kind may count on, the first the default. */
  channels: readonly ChannelKind[];
  /** The sheet names the day it was filled in (monitor, inspection): back-dating inside the period, audited. */
  dated: boolean;
  /** Whether issued forms are the return rate's denominator (forms handed to people served). */
  countsIssued: boolean;
}

export const PAPER_KIND_RULES: Record<PaperKind, PaperKindRule> = {
  envelope: { label: '邮寄测评表', channels: ['window', 'sampling', 'directed'], dated: false, countsIssued: true },
  hearing: { label: '评议会现场评议表', channels: ['hearing'], dated: true, countsIssued: false },
  monitor: { label: '监测点测评表', channels: ['monitor'], dated: true, countsIssued: false },
  inspection: { label: '明察暗访记录表', channels: ['inspection'], dated: true, countsIssued: false },
  visit: { label: '入户走访及民情恳谈测评表', channels: ['sampling', 'directed', 'window'], dated: true, countsIssued: true },
  newspaper: { label: '报纸刊登评议票', channels: ['sampling'], dated: false, countsIssued: false },
};

/**
 * 甘泉's envelope (ganquan-2014.txt: 相关单位要免费为群众和服务对象提供粘好邮票的专用信封, 印有
 * “群众和服务对象监督评价专用信封”字样), printed on the form so the citizen knows where it goes.
 */
export const ENVELOPE_TEXT = {
  heading: '群众和服务对象监督评价专用信封',
  lines: ['请填写后折叠装入本单位免费提供的已贴邮票专用信封，投入邮筒即可，无需另付邮资。', '收件：县纪委、监察局办公室', '您的评价直接寄达县纪委、监察局，被评单位看不到您填写的内容。'],
} as const;
