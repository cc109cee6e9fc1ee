import type { ChannelKind } from '../model/channel';
import type { TargetFacts } from './facts';
import type { TargetTallies } from './tallies';

/**
 * Attendance that contradicts the sheets: fewer representatives present on a channel than sheets
 * returned there. Each names the target and the field (`present.<channel>`) so the office can
 * correct that one entry; the label is the Chinese sentence for the inputs table.
 * @example attendanceProblems({ targetId: 'gs', present: { hearing: 2 }, ... }, { hearing: { ballots: 3, answers: {} } })[0]?.field // 'present.hearing'
 */
export function attendanceProblems(t: TargetFacts, tallies: TargetTallies): Array<{ text: string; field: string; label: string }> {
  const out: Array<{ text: string; field: string; label: string }> = [];
  for (const [channel, present] of Object.entries(t.present ?? {}) as Array<[ChannelKind, number | undefined]>) {
    const returned = tallies[channel]?.ballots ?? 0;
    if (present === undefined || returned <= present) continue;
    out.push({
      text: `${t.targetId}.present.${channel}: ${present} representatives present but ${returned} sheets returned`,
      field: `present.${channel}`,
      label: `到会人数（${present}）少于已收回的 ${returned} 份评议表`,
    });
  }
  return out;
}
