import { AppError } from '@shared/errors';
import type { Deps } from '../deps';
import type { RateCounter } from './port';
import { pseudonym } from '../sessions';

/**
 * Every rate limit of the API, in one place. Only ballots are limited here: everything else a
 * citizen can call is a read or a login, and raw request floods are the gateway's job (the HTTP
 * API's stage throttling in template.yaml; see docs/anti-stuffing.md for what that does not do).
 *
 * An accepted ballot is counted against three keys, each a fixed window in DynamoDB (the store,
 * not the container's memory: Lambda runs many containers), in the ballot's own transaction:
 *
 * | scope       | key                                   | default         | why this size |
 * |-------------|---------------------------------------|-----------------|---------------|
 * | `evaluator` | the evaluator pseudonym               | 20 per minute   | a citizen rating every section through a sampling link, one form at a time, stays far below; a phone flushing a long offline queue gets Retry-After and its queue retries |
 * | `ip`        | the client address (HMAC'd)           | 600 per minute  | generous on purpose: a service hall's Wi-Fi is one NAT address for every window, and mobile carriers put thousands of phones behind one CGNAT address; 10/s is more than a county's busiest hall — it stops one machine flooding, nothing else |
 * | `place`     | the window (window ballots) or round × target | 120 per minute | a counter serves a person every few minutes; this caps a flood at one window without touching any other |
 *
 * Below these ceilings, the detectors (../stuffing/detectors.ts) flag suspicious patterns for a
 * supervisor instead of refusing citizens. Limits are configuration (`BALLOT_RATE_LIMITS`,
 * parsed by `rateRulesFromEnv`; tests pass `deps.rateLimits`).
 *
 * Only accepted ballots are counted, exactly: each counter is a conditional update inside the
 * ballot's TransactWriteItems (ballot-store.ts), so a ballot and its counts commit together or
 * not at all, and a full counter cancels the transaction. A retry of an accepted ballot is
 * answered from its idempotency marker and never counted; a refused ballot — invalid,
 * duplicate or rate-limited — changes nothing in the store.
 */
export type RateScope = 'evaluator' | 'ip' | 'place';

export interface RateRule {
  scope: RateScope;
  limit: number;
  windowSeconds: number;
}

export const DEFAULT_BALLOT_RATE_RULES: readonly RateRule[] = [
  { scope: 'evaluator', limit: 20, windowSeconds: 60 },
  { scope: 'ip', limit: 600, windowSeconds: 60 },
  { scope: 'place', limit: 120, windowSeconds: 60 },
];

const SCOPES: readonly RateScope[] = ['evaluator', 'ip', 'place'];

/**
 * `BALLOT_RATE_LIMITS`: comma-separated `scope=limit/seconds` (e.g. `evaluator=20/60,ip=600/60`);
 * a scope not named keeps its default, `scope=off` removes it, `off` removes all.
 * @example rateRulesFromEnv({ BALLOT_RATE_LIMITS: 'ip=off,place=30/60' })
 */
export function rateRulesFromEnv(env: Record<string, string | undefined>): RateRule[] {
  const raw = env.BALLOT_RATE_LIMITS?.trim();
  if (!raw) return [...DEFAULT_BALLOT_RATE_RULES];
  if (raw === 'off') return [];
  const rules = new Map<RateScope, RateRule | undefined>(DEFAULT_BALLOT_RATE_RULES.map((r) => [r.scope, r]));
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\w+)=(?:(off)|(\d+)\/(\d+))$/.exec(part);
    const scope = m?.[1] as RateScope | undefined;
    if (!m || !scope || !SCOPES.includes(scope)) throw new Error(`BALLOT_RATE_LIMITS: cannot read "${part}" (want scope=limit/seconds or scope=off, scope one of ${SCOPES.join(', ')})`);
    const limit = Number(m[3]);
    const windowSeconds = Number(m[4]);
    if (!m[2] && (limit < 1 || windowSeconds < 1 || windowSeconds > 86_400)) throw new Error(`BALLOT_RATE_LIMITS: "${part}" needs limit ≥ 1 and 1 ≤ seconds ≤ 86400`);
    rules.set(scope, m[2] ? undefined : { scope, limit, windowSeconds });
  }
  return [...rules.values()].filter((r): r is RateRule => r !== undefined);
}

/** Who and where a ballot comes from; a scope without a subject (no client address) is skipped. */
export type RateSubjects = Partial<Record<RateScope, string>>;

/** The counters one ballot goes against, each with the rule it stands for. */
export interface RatePass {
  counters: RateCounter[];
  rules: RateRule[];
  now: number;
}

/**
 * The ballot's counters: no read — each rides in the ballot's transaction as a conditional
 * `ADD n 1` (`n < limit`), so the check and the count are one atomic step and concurrency
 * cannot overrun a limit (250 parallel ballots at one window: exactly `place` accepted). A
 * refused ballot — invalid, duplicate or rate-limited — writes nothing, counters included. Keys
 * are HMACs under the pseudonym key: no client address is ever stored, and a counter's window
 * start is in its key (a new window, a new item; TTL removes the old ones).
 */
export function ballotRateCounters(deps: Pick<Deps, 'rateLimits' | 'clock' | 'secrets'>, subjects: RateSubjects): RatePass {
  const now = deps.clock.now().getTime();
  const active = deps.rateLimits.filter((rule) => subjects[rule.scope] !== undefined);
  const counters = active.map((rule): RateCounter => {
    const windowMs = rule.windowSeconds * 1000;
    return {
      key: `${rule.scope}#${pseudonym(deps.secrets.pseudonymKey, `rate:${rule.scope}:${subjects[rule.scope]}`)}`,
      windowStartMs: Math.floor(now / windowMs) * windowMs,
      windowSeconds: rule.windowSeconds,
      limit: rule.limit,
    };
  });
  return { counters, rules: active, now };
}

/**
 * The refusal for a full counter: RATE_LIMITED (429) naming the scope and when its window ends
 * (the `Retry-After` header). The error handler logs every one with its rule (http/errors.ts).
 */
export function rateLimited(pass: RatePass, index: number): AppError {
  const rule = pass.rules[index]!;
  const counter = pass.counters[index]!;
  const retryAfterSeconds = Math.max(1, Math.ceil((counter.windowStartMs + rule.windowSeconds * 1000 - pass.now) / 1000));
  return new AppError('RATE_LIMITED', { scope: rule.scope, limit: rule.limit, windowSeconds: rule.windowSeconds, retryAfterSeconds });
}

/**
 * The subjects of one ballot. Invited ballots (directed, hearing) are bounded by their
 * invitations — one ballot per target per invitation, issued by the office — and a hearing's
 * panel rates every target at once from one room, so only the address rule applies to them.
 */
export function ballotRateSubjects(b: { channel: string; evaluator: string; ip: string | undefined; windowId?: string; roundId?: string; targetId?: string }): RateSubjects {
  const invited = b.channel === 'directed' || b.channel === 'hearing';
  return {
    ...(b.ip ? { ip: b.ip } : {}),
    ...(invited ? {} : { evaluator: b.evaluator, place: b.windowId ? `W:${b.windowId}` : `T:${b.roundId}:${b.targetId ?? ''}` }),
  };
}
