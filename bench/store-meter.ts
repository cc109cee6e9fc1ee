import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import { cancellationCodes, errorName } from '../functions/src/adapters/dynamodb/errors';

export interface StoreCalls {
  /** Calls per command name (a retried transaction counts each attempt). */
  calls: Record<string, number>;
  /** Mean round-trip of each command, ms. */
  meanMs: Record<string, number>;
  /** Transactions cancelled for TransactionConflict (writeBallot retries them after a backoff). */
  conflicts: number;
  failures: Record<string, number>;
}

/**
 * Counts every store call through the SDK's middleware stack, so each phase can say how many
 * DynamoDB round trips a ballot cost and how many transactions were retried on conflicts.
 */
export class StoreMeter {
  private calls = new Map<string, { n: number; ms: number }>();
  private conflicts = 0;
  private failures = new Map<string, number>();

  attach(db: DynamoDBDocumentClient): this {
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName ?? '?').replace(/Command$/, '');
        const t0 = performance.now();
        try {
          return await next(args);
        } catch (e) {
          if (errorName(e) === 'TransactionCanceledException' && cancellationCodes(e).includes('TransactionConflict')) this.conflicts++;
          else this.failures.set(`${command}:${errorName(e)}`, (this.failures.get(`${command}:${errorName(e)}`) ?? 0) + 1);
          throw e;
        } finally {
          const c = this.calls.get(command) ?? { n: 0, ms: 0 };
          c.n++;
          c.ms += performance.now() - t0;
          this.calls.set(command, c);
        }
      },
      { step: 'initialize', name: 'benchStoreMeter' },
    );
    return this;
  }

  /** Everything counted since the last take, then starts over. */
  take(): StoreCalls {
    const out: StoreCalls = {
      calls: Object.fromEntries([...this.calls].map(([k, v]) => [k, v.n])),
      meanMs: Object.fromEntries([...this.calls].map(([k, v]) => [k, Math.round((v.ms / v.n) * 10) / 10])),
      conflicts: this.conflicts,
      failures: Object.fromEntries(this.failures),
    };
    this.calls.clear();
    this.failures.clear();
    this.conflicts = 0;
    return out;
  }
}
