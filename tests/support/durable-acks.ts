import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * DynamoDB Local answers a TransactWriteItems *before* the write is durable, real DynamoDB
 * never does; this middleware puts back the real service's promise for tests that SIGKILL it.
 *
 * Why: in DynamoDB Local (the jar in amplify-dynamodb-simulator@2.9.30, -dbPath), SQLiteDBAccess.commitTransaction only enqueues the
 * "INSERT INTO tr …; COMMIT" job on its single SQLite queue thread (no wait, unlike
 * beginTransaction, getRecord and putRecord) and the HTTP thread then sends the 200. A SIGKILL
 * in between leaves the SQLite transaction uncommitted; on restart it is rolled back — every
 * item and the ClientRequestToken record with it. The app was told "committed" about a write
 * that never was: the load test's "receipt … was given but no such ballot is stored".
 * scripts/repro-ddb-local-ack-before-commit.ts shows it without any app code (STARVE=1: 7 of 20
 * transactions acknowledged at the moment of a kill were gone after the restart; PutItem 0 of
 * 43; with this barrier 0 of 22).
 *
 * The barrier: after a TransactWriteItems succeeds, one consistent GetItem goes to the same
 * process. Its job is queued behind that COMMIT on the same FIFO queue, so once it is answered
 * the transaction is on disk. Only then is the success passed up. If the store died meanwhile
 * (the GetItem fails, or `generation()` says a kill began since the call was sent), the caller
 * gets an error instead — an unanswered call, which with the real service is exactly what a
 * crash looks like, and which the app must already handle (the write may or may not have
 * happened; the client's retry and the idempotency marker decide).
 */
export function durableTransactAcks(db: DynamoDBDocumentClient, opts: { endpoint: string; table: string; generation: () => number }): () => void {
  const probe = new DynamoDBClient({ endpoint: opts.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const before = opts.generation();
      const out = await next(args);
      try {
        await probe.send(new GetItemCommand({ TableName: opts.table, Key: { PK: { S: 'DURABILITY#BARRIER' }, SK: { S: 'BARRIER' } }, ConsistentRead: true }));
      } catch (e) {
        throw unconfirmed(`the store went away before the commit was confirmed (${(e as Error).name})`, e);
      }
      if (opts.generation() !== before) throw unconfirmed('the store was killed while the call was under way');
      return out;
    },
    // Innermost of the initialize step: inside the fault middleware, so a "lost answer" or a
    // "slow answer" fault acts on a success that is known durable.
    { step: 'initialize', priority: 'low', name: 'durableTransactAcks' },
  );
  return () => probe.destroy();
}

/** SDK-shaped ($metadata), as the no-answer failure it stands for: the app answers 503 and the client retries. */
function unconfirmed(message: string, cause?: unknown): Error {
  const e = Object.assign(new Error(`TransactWriteItems answered, but ${message}`, { cause }), { $metadata: {} });
  e.name = 'UnconfirmedCommit';
  return e;
}
