import { BatchWriteCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { DynamoBallotStore } from '../functions/src/adapters/dynamodb/ballot-store';
import type { BallotWrite } from '../functions/src/ports';
import { performance } from 'node:perf_hooks';
import { runPool, type PoolResult } from './pool';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Item = Record<string, unknown>;

/**
 * The adapter's own TransactWriteItems for each BallotWrite, captured instead of sent: a
 * stand-in client hands the DynamoBallotStore's `send` back to us, so the bench never spells
 * an item itself and cannot drift from what the app writes.
 */
export function captureTransactions(table: string): { store: DynamoBallotStore; take(): TransactItem[][] } {
  let captured: TransactItem[][] = [];
  const fake = {
    send: async (command: unknown) => {
      if (!(command instanceof TransactWriteCommand)) throw new Error(`bulk load: the adapter sent ${(command as object).constructor.name}`);
      captured.push(command.input.TransactItems ?? []);
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return {
    store: new DynamoBallotStore(fake, table),
    take: () => {
      const out = captured;
      captured = [];
      return out;
    },
  };
}

/** Sums captured tally Updates per item: `SET #a = :a, … ADD #n :one, …` becomes one update per key. */
export class TallySums {
  private byKey = new Map<string, { table: string; key: Item; set: Map<string, unknown>; add: Map<string, number> }>();

  fold(u: NonNullable<TransactItem['Update']>): void {
    const m = /^SET (.+) ADD (.+)$/.exec(u.UpdateExpression ?? '');
    if (!m || u.ConditionExpression) throw new Error(`bulk load: tally update shape changed: ${u.UpdateExpression}`);
    const name = (n: string) => u.ExpressionAttributeNames?.[n] ?? n;
    const value = (v: string) => {
      if (!(v in (u.ExpressionAttributeValues ?? {}))) throw new Error(`bulk load: unknown value ${v}`);
      return u.ExpressionAttributeValues![v];
    };
    const id = JSON.stringify([u.TableName, u.Key]);
    const entry = this.byKey.get(id) ?? { table: u.TableName!, key: u.Key as Item, set: new Map(), add: new Map() };
    for (const pair of m[1]!.split(',')) {
      const [n, v] = pair.split('=').map((s) => s.trim()) as [string, string];
      entry.set.set(name(n), value(v));
    }
    for (const pair of m[2]!.split(',')) {
      const [n, v] = pair.trim().split(/\s+/) as [string, string];
      entry.add.set(name(n), (entry.add.get(name(n)) ?? 0) + Number(value(v)));
    }
    this.byKey.set(id, entry);
  }

  get size(): number {
    return this.byKey.size;
  }

  updates(): UpdateCommand[] {
    return [...this.byKey.values()].map((e) => {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets = [...e.set].map(([attr, v], i) => ((names[`#s${i}`] = attr), (values[`:s${i}`] = v), `#s${i} = :s${i}`));
      const adds = [...e.add].map(([attr, v], i) => ((names[`#a${i}`] = attr), (values[`:a${i}`] = v), `#a${i} :a${i}`));
      return new UpdateCommand({ TableName: e.table, Key: e.key, UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values });
    });
  }
}

export interface BulkLoadResult extends PoolResult {
  puts: number;
  batches: number;
  tallyUpdates: number;
  /** Seconds spent applying the summed tally updates (inside `seconds`). */
  tallySeconds: number;
}

/** Ballots per BatchWriteItem: three Puts each, under the 25-request limit. */
const BALLOTS_PER_BATCH = 8;

/**
 * Loads `count` ballots as the very items writeBallot would commit, but in bulk: the three
 * Puts of each ballot's transaction go out in BatchWriteItem calls (fresh keys, so the
 * attribute_not_exists conditions could not fail anyway), and the tally ADDs are summed per
 * shard item and applied once each at the end. The end state is what `count` transactions
 * leave; only the time differs.
 */
export async function bulkLoad(
  db: DynamoDBDocumentClient,
  table: string,
  count: number,
  concurrency: number,
  build: (i: number) => BallotWrite,
  onProgress?: (done: number) => void,
): Promise<BulkLoadResult> {
  const sums = new TallySums();
  const batches = Math.ceil(count / BALLOTS_PER_BATCH);
  let puts = 0;
  let loaded = 0;
  const started = performance.now();
  const putPhase = await runPool(batches, concurrency, async (b) => {
    const capture = captureTransactions(table);
    const n = Math.min(BALLOTS_PER_BATCH, count - b * BALLOTS_PER_BATCH);
    for (let k = 0; k < n; k++) await capture.store.writeBallot(build(b * BALLOTS_PER_BATCH + k));
    const requests: Item[] = [];
    const txs = capture.take();
    if (txs.length !== n) throw new Error(`bulk load: captured ${txs.length} transactions for ${n} ballots`);
    for (const t of txs.flat()) {
      if (t.ConditionCheck) continue; // the fence: a condition, nothing stored
      if (t.Put) requests.push({ PutRequest: { Item: t.Put.Item } });
      else if (t.Update) sums.fold(t.Update);
      else throw new Error('bulk load: unexpected transaction item');
    }
    await batchWrite(db, table, requests);
    puts += requests.length;
    loaded += n;
    onProgress?.(loaded);
  });
  const t1 = performance.now();
  const updates = sums.updates();
  const tallyPhase = await runPool(updates.length, concurrency, async (j) => {
    await db.send(updates[j]!);
  });
  const seconds = (performance.now() - started) / 1000;
  const errors = putPhase.errors + tallyPhase.errors;
  // Ballots, not calls, so the rate reads like the other phases'; latency is per BatchWriteItem.
  return {
    count: errors === 0 ? loaded : 0,
    errors,
    firstError: putPhase.firstError ?? tallyPhase.firstError,
    seconds,
    perSecond: errors === 0 ? loaded / seconds : 0,
    latency: putPhase.latency,
    puts,
    batches,
    tallyUpdates: updates.length,
    tallySeconds: (performance.now() - t1) / 1000,
  };
}

async function batchWrite(db: DynamoDBDocumentClient, table: string, requests: Item[]): Promise<void> {
  let left = requests;
  for (let attempt = 0; left.length > 0; attempt++) {
    if (attempt > 10) throw new Error(`bulk load: ${left.length} items still unprocessed`);
    if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 5)));
    const r = await db.send(new BatchWriteCommand({ RequestItems: { [table]: left as never } }));
    left = (r.UnprocessedItems?.[table] ?? []) as Item[];
  }
}
