import { createHash } from 'node:crypto';
import { BatchGetCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { NODE_KINDS, type NodeKind, type OrgNode } from '@shared/model/org';
import type { TallyCounter, TallyVersions, VersionStore } from '../../domain/tally-cache/port';
import { keys } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * How many items a round's tally version is spread over. Every ballot of the round adds to one of
 * them inside its transaction, and DynamoDB cancels transactions that overlap on an item
 * (TransactionConflict): one item per round would serialise every ballot of the round, one per
 * tally shard every ballot of a shard. 32 stripes, picked by the ballot id, keep that contention
 * below the tally items' own at any shard count (≤ 64), for a read of 33 small items.
 */
export const TALLY_VERSION_STRIPES = 32;

export const versionStripeOf = (ballotId: string) => parseInt(createHash('sha256').update(`tallyver:${ballotId}`).digest('hex').slice(0, 8), 16) % TALLY_VERSION_STRIPES;

/**
 * The tally version bump a ballot's transaction carries (beside its tally shard update): one
 * more ballot on the ballot's stripe, and which counter it added to (`last`: target × channel),
 * so a reader that finds a stripe exactly one ahead of what it remembered knows the one counter
 * to read again (domain/tallies.ts). The shape (`SET … ADD …`, no condition) is a tally
 * update's, so the bench's bulk loader sums it like one (its `last` is the batch's last ballot's).
 */
export function tallyVersionBump(table: string, roundId: string, ballotId: string, counter: TallyCounter): TransactItem {
  return {
    Update: {
      TableName: table,
      Key: keys.tallyVersion(roundId, versionStripeOf(ballotId)),
      UpdateExpression: 'SET #e = :e, #l = :l ADD #v :one',
      ExpressionAttributeNames: { '#e': 'entity', '#v': 'v', '#l': 'last' },
      ExpressionAttributeValues: { ':e': 'tallyVersion', ':one': 1, ':l': lastOf(counter) },
    },
  };
}

const lastOf = (c: TallyCounter) => `${c.targetId}#${c.channel}`;

function counterOf(last: unknown): TallyCounter | undefined {
  if (typeof last !== 'string') return undefined;
  const at = last.lastIndexOf('#');
  return at > 0 ? { targetId: last.slice(0, at), channel: last.slice(at + 1) as TallyCounter['channel'] } : undefined;
}

/** The org version bump a node import transaction carries: how many nodes of each kind it adds. */
export function orgVersionBump(table: string, nodes: OrgNode[]): TransactItem {
  const perKind = new Map<NodeKind, number>();
  for (const n of nodes) perKind.set(n.kind, (perKind.get(n.kind) ?? 0) + 1);
  const names: Record<string, string> = { '#e': 'entity' };
  const values: Record<string, unknown> = { ':e': 'orgVersion' };
  const adds = [...perKind].map(([kind, n], i) => ((names[`#k${i}`] = kind), (values[`:k${i}`] = n), `#k${i} :k${i}`));
  return { Update: { TableName: table, Key: keys.orgVersion, UpdateExpression: `SET #e = :e ADD ${adds.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}

export class DynamoVersionStore implements VersionStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async readVersions(roundId: string): Promise<TallyVersions> {
    const wanted = [keys.orgVersion, ...Array.from({ length: TALLY_VERSION_STRIPES }, (_, s) => keys.tallyVersion(roundId, s))];
    const found = new Map<string, Record<string, unknown>>();
    // 33 keys: one BatchGetItem (100 keys a call), strongly consistent like the counters it stands for.
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = { [this.table]: { Keys: wanted, ConsistentRead: true } };
    while (request && Object.keys(request).length > 0) {
      const r = await this.db.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of r.Responses?.[this.table] ?? []) found.set(String(item.PK), item);
      request = r.UnprocessedKeys as typeof request;
    }
    const org = found.get(keys.orgVersion.PK);
    return {
      stripes: Array.from({ length: TALLY_VERSION_STRIPES }, (_, s) => Number(found.get(keys.tallyVersion(roundId, s).PK)?.v ?? 0)),
      lasts: Array.from({ length: TALLY_VERSION_STRIPES }, (_, s) => counterOf(found.get(keys.tallyVersion(roundId, s).PK)?.last)),
      nodes: Object.fromEntries(NODE_KINDS.flatMap((k) => (org?.[k] === undefined ? [] : [[k, Number(org[k])]]))),
    };
  }
}
