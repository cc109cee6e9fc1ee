import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NodeKind, OrgNode } from '@shared/model/org';
import { GSI1 } from './table';
import { AppError } from '@shared/errors';
import type { OrgStore, QrState } from '../../ports';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';
import { cancellationCodes, errorName, isConditionalFailure } from './errors';
import { orgVersionBump } from './version-store';

export class DynamoOrgStore implements OrgStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async createNodes(nodes: OrgNode[]): Promise<void> {
    // Transactions take 100 items; a CSV larger than that is written in chunks of 99 (and the
    // org version's count of them: tally-cache/port.ts), each all-or-nothing. The import use case
    // checks every id first, so a chunk failing means a concurrent writer, reported as ALREADY_EXISTS.
    for (let i = 0; i < nodes.length; i += 99) {
      const chunk = nodes.slice(i, i + 99);
      // Two imports at once meet on the version item (TransactionConflict, nothing written): try again, within a time budget.
      const deadline = Date.now() + 5_000;
      for (let attempt = 0; ; attempt++) {
        try {
          await this.db.send(
            new TransactWriteCommand({
              TransactItems: [
                ...chunk.map((n) => ({
                  Put: { TableName: this.table, Item: { ...keys.node(n.id), ...keys.nodeKindIndex(n.kind, n.id), entity: 'node', ...n }, ConditionExpression: 'attribute_not_exists(PK)' },
                })),
                orgVersionBump(this.table, chunk),
              ],
            }),
          );
          break;
        } catch (e) {
          if (isConditionalFailure(e)) throw new AppError('ALREADY_EXISTS', { ids: chunk.map((n) => n.id) });
          const conflict = errorName(e) === 'TransactionCanceledException' && cancellationCodes(e).includes('TransactionConflict');
          if (!conflict || Date.now() >= deadline) throw e;
          await new Promise((r) => setTimeout(r, 10 + Math.random() * 20 * 2 ** Math.min(attempt, 5)));
        }
      }
    }
  }

  async getNode(id: string): Promise<OrgNode | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.node(id) }));
    return r.Item ? stripKeys<OrgNode>(r.Item) : undefined;
  }

  async getNodes(ids: string[]): Promise<Map<string, OrgNode>> {
    const out = new Map<string, OrgNode>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.table]: { Keys: unique.slice(i, i + 100).map((id) => keys.node(id)) },
      };
      while (request && Object.keys(request).length > 0) {
        const r = await this.db.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of r.Responses?.[this.table] ?? []) {
          const node = stripKeys<OrgNode>(item);
          out.set(node.id, node);
        }
        request = r.UnprocessedKeys as typeof request;
      }
    }
    return out;
  }

  async listNodes(): Promise<OrgNode[]> {
    const items = await collect(
      queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.nodePartition } }),
    );
    return items.map((i) => stripKeys<OrgNode>(i));
  }

  async pageNodes(q: { kind?: NodeKind; limit: number; afterId?: string }): Promise<{ nodes: OrgNode[]; lastId?: string }> {
    // One Query of `limit` items (the main partition is in id order, the kind index too): a page
    // costs a page, whatever the tree's size.
    const byKind = q.kind !== undefined;
    const start =
      q.afterId === undefined ? undefined : { ...keys.node(q.afterId), ...(byKind ? keys.nodeKindIndex(q.kind!, q.afterId) : {}) };
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        ...(byKind
          ? { IndexName: GSI1.name, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.nodeKindPartition(q.kind!) } }
          : { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.nodePartition } }),
        Limit: q.limit,
        ExclusiveStartKey: start,
      }),
    );
    const nodes = (r.Items ?? []).map((i) => stripKeys<OrgNode>(i));
    return r.LastEvaluatedKey && nodes.length > 0 ? { nodes, lastId: nodes[nodes.length - 1]!.id } : { nodes };
  }

  async listNodesOfKind(kind: NodeKind): Promise<OrgNode[]> {
    // GSI reads are eventually consistent: a node created this instant may be missing from one
    // read — acceptable for results and recounts, which never run in the same breath as imports.
    const items = await collect(
      queryAll(this.db, { TableName: this.table, IndexName: GSI1.name, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.nodeKindPartition(kind) } }),
    );
    return items.map((i) => stripKeys<OrgNode>(i));
  }

  async getQrState(windowId: string): Promise<QrState | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.qr(windowId), ConsistentRead: true }));
    return r.Item ? stripKeys<QrState>(r.Item) : undefined;
  }

  async rotateQr(windowId: string): Promise<QrState> {
    const r = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.qr(windowId),
        UpdateExpression: 'SET windowId = :w, revoked = :f, entity = :e ADD version :one',
        ExpressionAttributeValues: { ':w': windowId, ':f': false, ':one': 1, ':e': 'qr' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stripKeys<QrState>(r.Attributes ?? {});
  }

  async revokeQr(windowId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.qr(windowId),
        UpdateExpression: 'SET revoked = :t',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':t': true },
      }),
    ).catch((e) => {
      if (isConditionalFailure(e)) throw new AppError('NOT_FOUND', { windowId, reason: 'no QR issued' });
      throw e;
    });
  }
}

