import type { Deps } from './deps';
import { sendReminders } from './panel-invitations';
import { sendDeadlineReminders } from './rectification/reminders';
import { invitationToken } from './tokens';

/** Panel members are reminded when their invitation has less than this left. */
export const INVITATION_REMINDER_HOURS = 24;

/**
 * The daily reminder job (EventBridge Scheduler, 09:00 China time: template.yaml): invitation
 * reminders for every open round with invited channels, then rectification deadlines. Both
 * steps send at most once per invitation / task and day, so a retried or doubled run nags nobody.
 */
export async function runDailyReminders(deps: Deps): Promise<{ rounds: Array<{ roundId: string; reminded: number; skipped: number }>; rectification: { sent: number; skipped: number } }> {
  const invited = (await deps.store.rounds.listRounds()).filter((r) => r.status === 'open' && r.channels.some((c) => c === 'directed' || c === 'hearing'));
  const rounds = [];
  for (const round of invited) {
    rounds.push({ roundId: round.id, ...(await sendReminders(deps, round.id, INVITATION_REMINDER_HOURS, (id) => invitationToken(deps.secrets.tokenKey, id))) });
  }
  return { rounds, rectification: await sendDeadlineReminders(deps) };
}
