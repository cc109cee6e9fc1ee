import type { ChannelKind } from '../model/channel';
import type { TargetFacts } from './facts';
import { ballotsOn, type TargetTallies } from './tallies';

/**
 * The return rate's numerator: forms that came back. Where the office issued numbered forms,
 * the facts say how many of them came back (`returned`: each serial once, on paper or answered
 * online through its own QR); ballots that never had a form (a window's own QR) are opinions,
 * not returned forms. Without that fact every ballot on the channels is a returned form (a
 * county that prints its own unnumbered forms and types 服务人次). docs/scoring.md#ganquan.
 * @example formsReturned({ returned: 3, ... }, tallies, ['window']) // 3, whatever the window ballots
 */
export function formsReturned(t: Pick<TargetFacts, 'returned'>, tallies: TargetTallies, channels: readonly ChannelKind[]): number {
  return t.returned ?? ballotsOn(tallies, channels);
}
