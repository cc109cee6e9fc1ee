import { performance } from 'node:perf_hooks';
import type { HttpClient } from '../../../bench/http';

/**
 * One send, as the real client's outbox makes it (client/src/lib/outbox.ts): the same request,
 * same clientBallotId, again and again until the server *answers* — a 2xx or a final 4xx.
 * No answer (socket error, our own timeout) and 5xx/429 mean "maybe not seen, maybe not
 * finished": wait and send again. The phone waits 15 s; a load test cannot, so the wait is a
 * short capped exponential backoff with jitter.
 *
 * What bounds a send is a deadline (`giveUpMs`), never a number of attempts: on a machine slow
 * enough that every request takes longer than `timeoutMs`, resending at a fixed timeout would
 * only pile resends on a server that is already behind and never get an answer (a fresh clone
 * at load 8 on 2 cores: 29 of 10,000 sends unanswered after 24 attempts). So each timeout
 * doubles this send's next timeout, up to `maxTimeoutMs`: the first attempt still times out on a
 * stalled store (the fault the scenario injects), and a merely slow server is waited for.
 */
export interface Answer {
  status: number;
  code?: string;
  receiptId?: string;
  replayed?: boolean;
  /** HTTP requests made, including the answered one. */
  attempts: number;
  /** What each unanswered attempt got: a status, or the error's name. */
  failures: string[];
  /** performance.now() when the first request went out (to line answers up with the store's timeline). */
  startedAt: number;
  /** First request sent → answer received, ms. */
  latencyMs: number;
  /** Each request alone, ms (answered or not). */
  attemptMs: number[];
}

export interface SenderOptions {
  /** The client gives up on a send's first request after this long and sends it again. */
  timeoutMs: number;
  /** Each timeout doubles the next request's timeout, up to this. */
  maxTimeoutMs: number;
  /** A send still unanswered after this long is reported as unanswered (status 0): a deadline, generous, not a speed. */
  giveUpMs: number;
}

const FINAL = (status: number) => (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 429);

export async function sendUntilAnswered(api: HttpClient, body: unknown, session: string, opts: SenderOptions): Promise<Answer> {
  const t0 = performance.now();
  const failures: string[] = [];
  const attemptMs: number[] = [];
  let timeoutMs = opts.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const a0 = performance.now();
    let status = 0;
    let reply: any;
    try {
      // Never past the deadline: the last request gets what is left of it.
      const r = await api.post('/ballots', body, session, Math.max(1, Math.min(timeoutMs, opts.giveUpMs - (a0 - t0))));
      status = r.status;
      reply = r.body;
    } catch (e) {
      const timedOut = (e as Error).name === 'ClientTimeout';
      if (timedOut) timeoutMs = Math.min(opts.maxTimeoutMs, timeoutMs * 2);
      failures.push(timedOut ? 'timeout' : ((e as { code?: string }).code ?? (e as Error).name));
    }
    attemptMs.push(performance.now() - a0);
    if (status && FINAL(status))
      return {
        status,
        code: reply?.error?.code,
        receiptId: reply?.receipt?.receiptId,
        replayed: reply?.replayed,
        attempts: attempt,
        failures,
        startedAt: t0,
        latencyMs: performance.now() - t0,
        attemptMs,
      };
    if (status) failures.push(String(status));
    if (performance.now() - t0 >= opts.giveUpMs) return { status: 0, attempts: attempt, failures, startedAt: t0, latencyMs: performance.now() - t0, attemptMs };
    // 503 carries Retry-After: 1; a restarting store takes seconds, a lost answer none.
    const base = Math.min(1000, 50 * 2 ** Math.min(attempt - 1, 5));
    await new Promise((r) => setTimeout(r, base * (0.5 + Math.random())));
  }
}
