import { BatchWriteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GSI1 } from './table';
import { collect, queryAll } from './query';
import { AppError } from '@shared/errors';
import type { InvitationStore, StoredInvitation } from '../../ports';
import { keys } from './keys';
import { stripKeys } from './query';
import { isConditionalFailure } from './errors';

export class DynamoInvitationStore implements InvitationStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async createInvitations(invitations: StoredInvitation[]): Promise<void> {
    // Invitation ids are random (128 bits), so a blind batch put cannot overwrite another's.
    for (let i = 0; i < invitations.length; i += 25) {
      let request: Record<string, unknown[]> | undefined = {
        [this.table]: invitations.slice(i, i + 25).map((inv) => ({
          PutRequest: {
            Item: {
              ...keys.invitation(inv.invitationId),
              ...keys.invitationIndex(inv.roundId, inv.memberId),
              entity: 'invitation',
              ...inv,
              // Kept 30 days past expiry for the return-rate report, then TTL removes it.
              expiresAtEpoch: Math.floor(Date.parse(inv.expiresAt) / 1000) + 30 * 86400,
            },
          },
        })),
      };
      while (request && Object.keys(request).length > 0) {
        const r = await this.db.send(new BatchWriteCommand({ RequestItems: request as never }));
        request = r.UnprocessedItems as typeof request;
      }
    }
  }

  async getInvitation(id: string): Promise<StoredInvitation | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.invitation(id), ConsistentRead: true }));
    return r.Item ? fromItem(r.Item) : undefined;
  }

  async revokeInvitation(id: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.invitation(id),
          UpdateExpression: 'SET revoked = :t',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':t': true },
        }),
      );
    } catch (e) {
      if (isConditionalFailure(e)) throw new AppError('INVITATION_NOT_FOUND');
      throw e;
    }
  }

  async listInvitations(roundId: string): Promise<StoredInvitation[]> {
    const { GSI1PK } = keys.invitationIndex(roundId, '');
    const items = await collect(queryAll(this.db, { TableName: this.table, IndexName: GSI1.name, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': GSI1PK } }));
    return items.map(fromItem);
  }

  async markReminded(id: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.invitation(id),
          UpdateExpression: 'SET remindedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(remindedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }
}

/** `answered` is a DynamoDB string set (ADD in the ballot transaction); the domain sees a sorted list. */
function fromItem(item: Record<string, unknown>): StoredInvitation {
  const inv = stripKeys<StoredInvitation & { answered?: Iterable<string> }>(item);
  return { ...inv, ...(inv.answered ? { answered: [...inv.answered].sort() } : {}) };
}
