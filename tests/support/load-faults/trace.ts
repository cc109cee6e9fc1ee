import { performance } from 'node:perf_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BallotStore, BallotWrite } from '../../../functions/src/ports';

/**
 * What happened, and when, on the server's side of a load run — kept so that an audit problem
 * can be explained rather than only counted: the fault steps and JVM kills/restarts on one
 * clock, every writeBallot the app made with its outcome, and every TransactWriteItems the SDK
 * sent with each of its HTTP attempts. Test-only: it wraps the app's BallotStore and adds
 * middleware to the app's SDK client; production code is untouched.
 */
export interface WriteRecord {
  t0: number;
  t1?: number;
  receiptId: string;
  idempotencyKey: string;
  dedupeKey: string;
  ballot: { roundId: string; shard: number; receivedAt: string; ballotId: string };
  outcome?: string;
}

export interface TxRecord {
  t0: number;
  t1?: number;
  token?: string;
  receiptId?: string;
  outcome?: string;
  /** One per HTTP request the SDK made (its own retries included). */
  attempts: Array<{ t0: number; t1?: number; outcome?: string }>;
}

export class LoadTrace {
  private readonly start = performance.now();
  readonly timeline: Array<{ t: number; what: string }> = [];
  /** writeBallot calls by idempotency key. */
  readonly writes = new Map<string, WriteRecord[]>();
  /** TransactWriteItems calls by the receipt id of the ballot they carry. */
  readonly txs = new Map<string, TxRecord[]>();
  /** findReceipt calls by idempotency key: when, and what they found. */
  readonly lookups = new Map<string, Array<{ t0: number; t1?: number; outcome?: string }>>();

  /** Seconds since the trace began (the run's clock for every record). */
  now(): number {
    return (performance.now() - this.start) / 1000;
  }

  /** A performance.now() reading on the trace's clock. */
  at(perfMs: number): number {
    return (perfMs - this.start) / 1000;
  }

  note(what: string): void {
    this.timeline.push({ t: this.now(), what });
  }

  /** Files `rec` under `key`, runs `call`, and stamps the record with its outcome and end time. */
  private async record<R, T extends { t1?: number; outcome?: string }>(into: Map<string, T[]>, key: string, rec: T, call: () => Promise<R>, outcomeOf: (r: R) => string): Promise<R> {
    into.set(key, [...(into.get(key) ?? []), rec]);
    try {
      const r = await call();
      rec.outcome = outcomeOf(r);
      return r;
    } catch (e) {
      rec.outcome = `threw ${describe(e)}`;
      throw e;
    } finally {
      rec.t1 = this.now();
    }
  }

  /** The app's ballot store, with every writeBallot recorded (inputs, timing, outcome). */
  wrapBallots(inner: BallotStore): BallotStore {
    const writeBallot = async (w: BallotWrite) => {
      const rec: WriteRecord = {
        t0: this.now(),
        receiptId: w.receipt.receiptId,
        idempotencyKey: w.idempotencyKey,
        dedupeKey: w.dedupeKey,
        ballot: { roundId: w.ballot.roundId, shard: w.ballot.shard, receivedAt: w.ballot.receivedAt, ballotId: w.ballot.ballotId },
      };
      return this.record(this.writes, w.idempotencyKey, rec, () => inner.writeBallot(w), (r) => (r.kind === 'replay' ? `replay ${r.receipt.receiptId}` : r.kind));
    };
    const findReceipt = async (key: string) => {
      return this.record(this.lookups, key, { t0: this.now() }, () => inner.findReceipt(key), (r) => (r ? `found ${r.receipt.receiptId}` : 'none'));
    };
    return new Proxy(inner, {
      get: (target, p) => {
        if (p === 'writeBallot') return writeBallot;
        if (p === 'findReceipt') return findReceipt;
        const v = Reflect.get(target, p) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }

  /** Records every TransactWriteItems of `db`: outermost (around the fault middleware) and per HTTP attempt. */
  attach(db: DynamoDBDocumentClient): this {
    const current = new WeakMap<object, TxRecord>();
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
        const input = JSON.stringify(args.input);
        const receiptId = /"receiptId":(?:\{"S":)?"([0-9A-Z]{6,})"/.exec(input)?.[1];
        const rec: TxRecord = { t0: this.now(), token: (args.input as { ClientRequestToken?: string }).ClientRequestToken, receiptId, attempts: [] };
        current.set(context, rec);
        if (receiptId) {
          const list = this.txs.get(receiptId) ?? [];
          list.push(rec);
          this.txs.set(receiptId, list);
        }
        try {
          const out = await next(args);
          rec.outcome = `ok (sdk attempts ${(out.output as { $metadata?: { attempts?: number } }).$metadata?.attempts})`;
          return out;
        } catch (e) {
          rec.outcome = `threw ${describe(e)}`;
          throw e;
        } finally {
          rec.t1 = this.now();
        }
      },
      { step: 'initialize', priority: 'high', name: 'loadTrace' },
    );
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const rec = current.get(context);
        if (!rec) return next(args);
        const attempt: TxRecord['attempts'][number] = { t0: this.now() };
        rec.attempts.push(attempt);
        try {
          const out = await next(args);
          attempt.outcome = String((out.response as { statusCode?: number }).statusCode);
          return out;
        } catch (e) {
          attempt.outcome = describe(e);
          throw e;
        } finally {
          attempt.t1 = this.now();
        }
      },
      { step: 'deserialize', priority: 'low', name: 'loadTraceAttempt' },
    );
    return this;
  }
}

function describe(e: unknown): string {
  const err = e as { name?: string; code?: string; message?: string; CancellationReasons?: Array<{ Code?: string }>; $metadata?: { httpStatusCode?: number; attempts?: number } };
  const codes = err.CancellationReasons ? ` [${err.CancellationReasons.map((r) => r.Code ?? 'None').join(',')}]` : '';
  const meta = err.$metadata ? ` http ${err.$metadata.httpStatusCode} attempts ${err.$metadata.attempts}` : '';
  return `${err.name ?? 'Error'}${err.code ? ` ${err.code}` : ''}${codes}${meta}`;
}

export const t3 = (t: number | undefined) => (t === undefined ? '…' : t.toFixed(3));
