import { z } from 'zod';

/**
 * How an opinion reaches us. `window`: QR at the counter, walk-in service object; `sampling`:
 * a published ballot link; `directed`: an invited panel member; `hearing`: on-site panel
 * scoring; `monitor`: 监测点 instant/monthly sheets; `inspection`: 明察暗访; `phone`: telephone
 * survey import.
 * @example ChannelKind.parse('window')
 */
export const CHANNEL_KINDS = ['window', 'sampling', 'directed', 'hearing', 'monitor', 'inspection', 'phone'] as const;
export const ChannelKind = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** Channels a citizen reaches with a token through `POST /api/ballots`. */
export const BALLOT_CHANNELS = ['window', 'sampling', 'directed'] as const satisfies readonly ChannelKind[];
export type BallotChannel = (typeof BALLOT_CHANNELS)[number];

/** Chinese names shown to users. */
export const CHANNEL_LABELS: Record<ChannelKind, string> = {
  window: '窗口扫码评价',
  sampling: '抽样评议',
  directed: '定向评议',
  hearing: '听证评议',
  monitor: '监测点测评',
  inspection: '明察暗访',
  phone: '电话测评',
};
