import { createHash } from 'node:crypto';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Ballot, Receipt } from '@shared/model/ballot';
import type { ChannelKind } from '@shared/model/channel';
import type { ChannelTally } from '@shared/api/results';
import type { OriginalComment } from '@shared/api/audit';
import type { BallotStore, BallotWrite, BallotWriteResult, StaffComment } from '../../domain/ballots/port';
import { CELL_PREFIX, cellAttribute, keys } from './keys';
import { queryAll, stripKeys } from './query';
import { cancellationCodes, cancellationItem, errorName } from './errors';
import { tallyVersionBump } from './version-store';
import type { TallyCounter } from '../../domain/tally-cache/port';

/** The China Standard Time date of an instant: all a unit learns of when a comment was made. */
const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/** Idempotency markers outlive any plausible client retry (a phone offline for weeks). */
const IDEMPOTENCY_TTL_DAYS = 400;
/** How long a ballot keeps retrying transaction conflicts (the citizen function's timeout is 10 s). */
const CONFLICT_BUDGET_MS = 7_000;
/** Rate counters outlive their window a little, so a clock a few seconds off never sees a reset. */
const RATE_TTL_SLACK_SECONDS = 300;

/**
 * The ballot write. One TransactWriteItems holds all four effects, so they happen together or
 * not at all:
 *
 *   [0] Put IDEM#<key>   attribute_not_exists  — receipt + fingerprint; a retry finds it
 *   [1] Put DEDUP#<key>  attribute_not_exists  — one evaluator, one target (or window), one period
 *   [2] Put BALLOT#…     attribute_not_exists  — the immutable ballot, the recount's source
 *   [3] Update TALLY#…   ADD n, cells          — the aggregate, on the ballot's shard
 *   [3'] Update TALLYVER#… ADD v 1             — the round's tally version (one of 32 stripes): cached results (tally-cache/)
 *   [ ] Update INV#…     ADD answered, if not revoked nor expired — invitation channels
 *   [k…] Update RATE#…   ADD n 1 if n < limit  — the rate counters (evaluator, address, place)
 *   [f…] ConditionCheck ROUND#…, QR#…          — the fence: the round still open, the link or
 *        QR still at the version the checks saw (they may have read a cached copy)
 *
 * Timeline of a flood (250 ballots at once at one window, `place` limit 120):
 *   every transaction holds the window's RATE item; DynamoDB runs them one at a time on it
 *   (an overlapping one is cancelled with TransactionConflict and tried again below), so the
 *   121st to commit finds n = 120, fails its condition and is cancelled whole: no ballot, no
 *   tally, no marker — `limited`. Exactly 120 are accepted, never more, whatever the order.
 *
 * Timeline of a retry:
 *   t0  client sends ballot B (key K) ──► transaction T commits ──► response lost (timeout)
 *   t1  client retries B with K ──► its transaction T' fails IDEM's condition ──► the
 *       cancellation carries IDEM's old item (ReturnValuesOnConditionCheckFailure ALL_OLD):
 *       the first receipt, 200 — no read before the write, none after it
 *   t1' (race: retry arrives while T is still in flight) ──► whichever commits second fails
 *       IDEM's condition and gets the first receipt back the same way. Never a second count,
 *       whatever order.
 * A cancelled transaction is read in this order: IDEM (a retry: replay, whatever else failed),
 * the fence and the invitation (memory was stale or the token no longer stands: `fenced`, the
 * pipeline checks again with fresh reads), DEDUP (`duplicate`), then the counters (`limited`).
 *
 * The ClientRequestToken covers only the SDK's own resends of this very transaction (a lost
 * answer inside one request): it is derived from K *and* this attempt's ballot id, so a new
 * request for the same ballot — new ballot id, new receipt id — never meets a token an earlier,
 * different transaction used (DynamoDB would answer IdempotentParameterMismatch for 10 minutes,
 * and if that earlier one had been cancelled there would be no IDEM to read back). The
 * conditional puts, not the token, are what make a double count impossible.
 */
export class DynamoBallotStore implements BallotStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async findReceipt(idempotencyKey: string): Promise<{ receipt: Receipt; fingerprint: string } | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.idempotency(idempotencyKey), ConsistentRead: true }));
    if (!r.Item) return undefined;
    return { receipt: r.Item.receipt as Receipt, fingerprint: String(r.Item.fingerprint) };
  }

  async writeBallot(w: BallotWrite): Promise<BallotWriteResult> {
    // A transaction touching an item another transaction holds is cancelled with
    // TransactionConflict (hot tally shards, a window's rate counter in a flood); nothing was
    // written, so try again — within a time budget, not a count: how many conflicts a flood
    // brings depends on the flood. Before each retry, one consistent read of the markers and
    // counters settles what the retry would only confirm (a full counter, a duplicate, an
    // accepted twin), so refusals in a flood stop contending for the hot item.
    const deadline = Date.now() + CONFLICT_BUDGET_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.writeOnce(w);
      } catch (e) {
        const conflict = errorName(e) === 'TransactionCanceledException' && cancellationCodes(e).includes('TransactionConflict');
        if (!conflict || Date.now() >= deadline) throw e;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * 2 ** Math.min(attempt, 5)));
        const settled = await this.settledWithoutWriting(w);
        if (settled) return settled;
      }
    }
  }

  /** What a retry's conditions would answer, read without writing; undefined when it could still commit. */
  private async settledWithoutWriting(w: BallotWrite): Promise<BallotWriteResult | undefined> {
    const counters = w.rateCounters ?? [];
    const wanted = [keys.idempotency(w.idempotencyKey), keys.dedupe(w.dedupeKey), ...counters.map((c) => keys.rateCounter(c.key, c.windowStartMs))];
    const found = new Map<string, Record<string, unknown>>();
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = { [this.table]: { Keys: wanted, ConsistentRead: true } };
    while (request && Object.keys(request).length > 0) {
      const r = await this.db.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of r.Responses?.[this.table] ?? []) found.set(String(item.PK), item);
      request = r.UnprocessedKeys as typeof request;
    }
    const idem = found.get(wanted[0]!.PK);
    if (idem) return { kind: 'replay', receipt: idem.receipt as Receipt, fingerprint: String(idem.fingerprint) };
    if (found.has(wanted[1]!.PK)) return { kind: 'duplicate' };
    const full = counters.findIndex((c, i) => Number(found.get(wanted[i + 2]!.PK)?.n ?? 0) >= c.limit);
    return full >= 0 ? { kind: 'limited', index: full } : undefined;
  }

  private async writeOnce(w: BallotWrite): Promise<BallotWriteResult> {
    const { ballot } = w;
    const names: Record<string, string> = { '#n': 'n', '#t': 'targetId', '#c': 'channel' };
    const values: Record<string, unknown> = { ':one': 1, ':t': ballot.targetId, ':c': ballot.channel };
    const adds = ['#n :one'];
    w.tallyCells.forEach(([item, option], i) => {
      names[`#a${i}`] = cellAttribute(item, option);
      adds.push(`#a${i} :one`);
    });
    const ttl = Math.floor(Date.parse(ballot.receivedAt) / 1000) + IDEMPOTENCY_TTL_DAYS * 86400;
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.idempotency(w.idempotencyKey), entity: 'idempotency', receipt: w.receipt, fingerprint: w.fingerprint, expiresAtEpoch: ttl },
          ConditionExpression: 'attribute_not_exists(PK)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.dedupe(w.dedupeKey), entity: 'dedupe', ballotId: ballot.ballotId },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.ballot(ballot.roundId, ballot.shard, ballot.receivedAt, ballot.ballotId), entity: 'ballot', ...ballot },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...(w.staffComment
        ? [
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...keys.comment(ballot.roundId, ballot.targetId, ballot.receivedAt, ballot.ballotId),
                  entity: 'comment',
                  day: chinaDay(ballot.receivedAt),
                  channel: ballot.channel,
                  ...(ballot.windowId ? { windowId: ballot.windowId } : {}),
                  text: w.staffComment,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ]
        : []),
      {
        Update: {
          TableName: this.table,
          Key: keys.tally(ballot.roundId, ballot.shard, ballot.targetId, ballot.channel),
          UpdateExpression: `SET #t = :t, #c = :c ADD ${adds.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      // The shard's tally version (tally-cache/port.ts): cached results stay only while it stands still.
      tallyVersionBump(this.table, ballot.roundId, ballot.ballotId, ballot),
      // [4] (invitation channels) Update INV#… ADD answered — the invitation knows which
      //     targets it rated, for return rates, reminders and the member's landing page.
      ...(w.invitationId
        ? [
            {
              Update: {
                TableName: this.table,
                Key: keys.invitation(w.invitationId),
                UpdateExpression: 'ADD answered :t',
                // The token's standing at commit: the checks may have read a cached invitation.
                ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(revoked) OR revoked = :f) AND expiresAt > :at',
                ExpressionAttributeValues: { ':t': new Set([ballot.targetId]), ':f': false, ':at': ballot.receivedAt },
              },
            },
          ]
        : []),
    ];
    const invitationIndex = w.invitationId ? items.length - 1 : -1;
    const firstCounter = items.length;
    const counters = (w.rateCounters ?? []).map((c): (typeof items)[number] => ({
      Update: {
        TableName: this.table,
        Key: keys.rateCounter(c.key, c.windowStartMs),
        UpdateExpression: 'ADD #n :one SET #e = :e, expiresAtEpoch = :ttl',
        ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
        ExpressionAttributeNames: { '#n': 'n', '#e': 'entity' },
        ExpressionAttributeValues: { ':one': 1, ':e': 'rate', ':limit': c.limit, ':ttl': Math.ceil(c.windowStartMs / 1000) + c.windowSeconds + RATE_TTL_SLACK_SECONDS },
      },
    }));
    const fence = this.fenceChecks(w);
    const firstFence = firstCounter + counters.length;
    try {
      await this.db.send(
        new TransactWriteCommand({
          ClientRequestToken: createHash('sha256').update(`${w.idempotencyKey}|${ballot.ballotId}`).digest('hex').slice(0, 36),
          TransactItems: [...items, ...counters, ...fence],
        }),
      );
      return { kind: 'accepted' };
    } catch (e) {
      const name = errorName(e);
      if (name === 'IdempotentParameterMismatchException') return this.replayOrThrow(w.idempotencyKey, e);
      if (name === 'TransactionCanceledException') {
        const codes = cancellationCodes(e);
        // IDEM exists: this ballot was already accepted. The cancellation carries the old item
        // (ALL_OLD); only if it did not (it always does on DynamoDB) is it read back.
        if (codes[0] === 'ConditionalCheckFailed') {
          const old = cancellationItem(e, 0);
          if (old?.receipt && typeof old.fingerprint === 'string') return { kind: 'replay', receipt: old.receipt as Receipt, fingerprint: old.fingerprint };
          return this.replayOrThrow(w.idempotencyKey, e);
        }
        const failed = (i: number) => codes[i] === 'ConditionalCheckFailed';
        if ((invitationIndex >= 0 && failed(invitationIndex)) || fence.some((_, i) => failed(firstFence + i))) return { kind: 'fenced' };
        if (failed(1)) return { kind: 'duplicate' };
        // A full counter: reported after the markers, so a duplicate is told it is one (not to retry later).
        const full = codes.slice(firstCounter).indexOf('ConditionalCheckFailed');
        if (full >= 0) return { kind: 'limited', index: full };
      }
      throw e;
    }
  }

  /**
   * The fence: the round still `open` (and a link ballot's link still at its version, not
   * revoked); a window ballot's QR still at its version, not revoked. Condition checks write
   * nothing; what they assert is what the pipeline's checks read, possibly from memory.
   */
  private fenceChecks(w: BallotWrite): NonNullable<TransactWriteCommandInput['TransactItems']> {
    if (!w.fence) return [];
    const { round, qr } = w.fence;
    const sampling = round.samplingVersion !== undefined;
    return [
      {
        ConditionCheck: {
          TableName: this.table,
          Key: keys.round(round.id),
          ConditionExpression: `${round.acceptClosed ? '#s IN (:open, :closed)' : '#s = :open'}${sampling ? ' AND samplingVersion = :v AND (attribute_not_exists(samplingRevoked) OR samplingRevoked = :f)' : ''}`,
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':open': 'open', ...(round.acceptClosed ? { ':closed': 'closed' } : {}), ...(sampling ? { ':v': round.samplingVersion, ':f': false } : {}) },
        },
      },
      ...(qr
        ? [
            {
              ConditionCheck: {
                TableName: this.table,
                Key: keys.qr(qr.windowId),
                ConditionExpression: 'version = :v AND revoked = :f',
                ExpressionAttributeValues: { ':v': qr.version, ':f': false },
              },
            },
          ]
        : []),
    ];
  }

  private async replayOrThrow(key: string, cause: unknown): Promise<BallotWriteResult> {
    const found = await this.findReceipt(key);
    if (!found) throw cause;
    return { kind: 'replay', ...found };
  }

  async readTallies(roundId: string, shards: number): Promise<Map<string, Partial<Record<ChannelKind, ChannelTally>>>> {
    const out = new Map<string, Partial<Record<ChannelKind, ChannelTally>>>();
    // Shards are separate partitions: read them in parallel, then fold.
    const pages = await Promise.all(
      Array.from({ length: shards }, async (_, shard) => {
        const items: Record<string, unknown>[] = [];
        for await (const item of queryAll(this.db, {
          TableName: this.table,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.tallyPartition(roundId, shard) },
          ConsistentRead: true,
        }))
          items.push(item);
        return items;
      }),
    );
    return foldTallies(pages.flat());
  }

  async readCounters(roundId: string, shards: number, counters: TallyCounter[]): Promise<Map<string, Partial<Record<ChannelKind, ChannelTally>>>> {
    // Each counter is one item per shard: one consistent BatchGetItem (100 keys a call).
    const wanted = counters.flatMap((c) => Array.from({ length: shards }, (_, shard) => keys.tally(roundId, shard, c.targetId, c.channel)));
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < wanted.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = { [this.table]: { Keys: wanted.slice(i, i + 100), ConsistentRead: true } };
      while (request && Object.keys(request).length > 0) {
        const r = await this.db.send(new BatchGetCommand({ RequestItems: request }));
        items.push(...(r.Responses?.[this.table] ?? []));
        request = r.UnprocessedKeys as typeof request;
      }
    }
    return foldTallies(items);
  }

  async listComments(roundId: string, targetId: string, limit: number): Promise<StaffComment[]> {
    const r = await this.db.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.commentPartition(roundId, targetId) }, ScanIndexForward: false, Limit: limit }),
    );
    return (r.Items ?? []).map((i) => ({ day: String(i.day), channel: i.channel as ChannelKind, ...(i.windowId ? { windowId: String(i.windowId) } : {}), text: String(i.text) }));
  }

  async listOriginalComments(roundId: string, targetId: string, limit: number, shardOf: (ballotId: string) => number): Promise<OriginalComment[]> {
    // The staff comment items index which ballots carry a comment (newest first); the text as
    // written is read from the ballots, so no second copy of it exists anywhere.
    const index = await this.db.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.commentPartition(roundId, targetId) }, ScanIndexForward: false, Limit: limit, ProjectionExpression: 'SK' }),
    );
    const refs = (index.Items ?? []).map((i) => {
      const sk = String(i.SK);
      const cut = sk.indexOf('#');
      return { receivedAt: sk.slice(0, cut), ballotId: sk.slice(cut + 1) };
    });
    const found = new Map<string, OriginalComment>();
    for (let i = 0; i < refs.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }> | undefined = {
        [this.table]: {
          Keys: refs.slice(i, i + 100).map((r) => keys.ballot(roundId, shardOf(r.ballotId), r.receivedAt, r.ballotId)),
          // Never the evaluator: the projection is the whole of what leaves the table.
          ProjectionExpression: 'ballotId, receivedAt, channel, windowId, #c',
          ExpressionAttributeNames: { '#c': 'comment' },
        },
      };
      while (request && Object.keys(request).length > 0) {
        const r = await this.db.send(new BatchGetCommand({ RequestItems: request }));
        for (const b of r.Responses?.[this.table] ?? [])
          if (typeof b.comment === 'string')
            found.set(String(b.ballotId), { ballotId: String(b.ballotId), receivedAt: String(b.receivedAt), channel: b.channel as ChannelKind, ...(b.windowId ? { windowId: String(b.windowId) } : {}), text: b.comment });
        request = r.UnprocessedKeys as typeof request;
      }
    }
    return refs.flatMap((r) => found.get(r.ballotId) ?? []);
  }

  async getBallots(roundId: string, refs: ReadonlyArray<{ ballotId: string; receivedAt: string; shard: number }>): Promise<Map<string, Ballot>> {
    const found = new Map<string, Ballot>();
    for (let i = 0; i < refs.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
        [this.table]: { Keys: refs.slice(i, i + 100).map((r) => keys.ballot(roundId, r.shard, r.receivedAt, r.ballotId)), ConsistentRead: true },
      };
      while (request && Object.keys(request).length > 0) {
        const r = await this.db.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of r.Responses?.[this.table] ?? []) {
          const b = stripKeys<Ballot>(item);
          found.set(b.ballotId, b);
        }
        request = r.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }

  async *listBallots(roundId: string, shards: number): AsyncIterable<Ballot> {
    for (let shard = 0; shard < shards; shard++) {
      for await (const item of queryAll(this.db, {
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.ballotPartition(roundId, shard) },
        ConsistentRead: true,
      }))
        yield stripKeys<Ballot>(item);
    }
  }
}

/** Counter items (one per target × channel × shard) summed per target and channel. */
function foldTallies(items: Record<string, unknown>[]): Map<string, Partial<Record<ChannelKind, ChannelTally>>> {
  const out = new Map<string, Partial<Record<ChannelKind, ChannelTally>>>();
  for (const item of items) {
    const targetId = String(item.targetId);
    const channel = item.channel as ChannelKind;
    const perTarget = out.get(targetId) ?? {};
    const tally = perTarget[channel] ?? { ballots: 0, answers: {} };
    tally.ballots += Number(item.n ?? 0);
    for (const [attr, value] of Object.entries(item)) {
      if (!attr.startsWith(CELL_PREFIX)) continue;
      const [, itemId, option] = attr.split(':') as [string, string, string];
      const cells = (tally.answers[itemId] ??= {});
      cells[option] = (cells[option] ?? 0) + Number(value);
    }
    perTarget[channel] = tally;
    out.set(targetId, perTarget);
  }
  return out;
}
