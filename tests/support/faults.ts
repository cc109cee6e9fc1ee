import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Makes the store fail on purpose, through the SDK's own middleware stack (the real client,
 * the real DynamoDB Local): `before` fails a call without sending it; `after` sends it — the
 * write commits — and then loses the response, the classic "did it happen?" failure.
 * `slow` delays a call instead of failing it: `slow-before` holds it back before sending (the
 * write commits late, possibly after the caller gave up and retried), `slow-after` sends it and
 * holds back the answer (committed, but the caller's timeout fires first).
 */
export type FaultWhen = 'before' | 'after';
export type SlowWhen = 'slow-before' | 'slow-after';

interface Rule {
  command: string;
  when: FaultWhen | SlowWhen;
  remaining: number;
  delayMs?: number;
}

const sleep = (ms: number | undefined) => new Promise((r) => setTimeout(r, ms));

export class StoreFaults {
  private plan: Rule[] = [];
  /** Delayed calls not yet finished. */
  private held = 0;
  /** Calls that failed or were delayed, as `command:when`. */
  readonly injected: string[] = [];

  attach(db: DynamoDBDocumentClient): this {
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName ?? '');
        const rule = this.take(command);
        if (rule?.when === 'before') return this.fire(rule, command);
        if (rule?.when !== 'slow-before' && rule?.when !== 'slow-after') {
          const out = await next(args);
          if (rule?.when === 'after') return this.fire(rule, command);
          return out;
        }
        // Held calls are counted until they are completely done, delay and store call both.
        this.injected.push(`${command}:${rule.when}`);
        this.held++;
        try {
          if (rule.when === 'slow-before') await sleep(rule.delayMs);
          const out = await next(args);
          if (rule.when === 'slow-after') await sleep(rule.delayMs);
          return out;
        } finally {
          this.held--;
        }
      },
      { step: 'initialize', name: 'storeFaults' },
    );
    return this;
  }

  /** The next `times` calls of `command` ('*' for any) fail `when`. */
  fail(command: string, when: FaultWhen, times = 1): this {
    this.plan.push({ command, when, remaining: times });
    return this;
  }

  /** The next `times` calls of `command` ('*' for any) are delayed by `delayMs`, `when`. */
  slow(command: string, when: SlowWhen, delayMs: number, times = 1): this {
    this.plan.push({ command, when, remaining: times, delayMs });
    return this;
  }

  /** Injections still planned but not yet taken. */
  pending(): number {
    return this.plan.reduce((n, p) => n + p.remaining, 0);
  }

  clear(): void {
    this.plan = [];
  }

  /** Claims the rule for this call at once, so concurrent calls never share the last slot. */
  private take(command: string): Rule | undefined {
    const rule = this.plan.find((p) => p.remaining > 0 && (p.command === '*' || p.command === command));
    if (rule) rule.remaining--;
    return rule;
  }

  private fire(rule: Rule, command: string): never {
    this.injected.push(`${command}:${rule.when}`);
    const e = new Error(`injected store fault (${rule.when})`);
    e.name = 'InjectedStoreFault';
    throw e;
  }

  /** Resolves once no call is being held back: a late write must land before anyone audits. */
  async drained(): Promise<void> {
    while (this.held > 0) await new Promise((r) => setTimeout(r, 50));
  }
}
