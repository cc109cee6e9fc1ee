import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Makes the store fail on purpose, through the SDK's own middleware stack (the real client,
 * the real DynamoDB Local): `before` fails a call without sending it; `after` sends it — the
 * write commits — and then loses the response, the classic "did it happen?" failure.
 */
export type FaultWhen = 'before' | 'after';

export class StoreFaults {
  private plan: Array<{ command: string; when: FaultWhen; remaining: number }> = [];
  /** Calls that failed, by command name. */
  readonly injected: string[] = [];

  attach(db: DynamoDBDocumentClient): this {
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName ?? '');
        const rule = this.plan.find((p) => p.remaining > 0 && (p.command === '*' || p.command === command));
        if (rule?.when === 'before') return this.fire(rule, command);
        const out = await next(args);
        if (rule?.when === 'after') return this.fire(rule, command);
        return out;
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

  clear(): void {
    this.plan = [];
  }

  private fire(rule: { remaining: number; when: FaultWhen }, command: string): never {
    rule.remaining--;
    this.injected.push(`${command}:${rule.when}`);
    const e = new Error(`injected store fault (${rule.when})`);
    e.name = 'InjectedStoreFault';
    throw e;
  }
}
