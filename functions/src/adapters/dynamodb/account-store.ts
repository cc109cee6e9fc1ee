import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@shared/errors';
import type { AccountStore, StaffAccount } from '../../ports';
import { keys } from './keys';
import { stripKeys } from './query';
import { errorName, isConditionalFailure } from './errors';

export class DynamoAccountStore implements AccountStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async createAccount(account: StaffAccount, bindCodeHash: string, bindExpiresAt: string): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...keys.account(account.accountId), entity: 'account', ...account }, ConditionExpression: 'attribute_not_exists(PK)' } },
            {
              Put: {
                TableName: this.table,
                Item: { ...keys.bindCode(bindCodeHash), entity: 'bindCode', accountId: account.accountId, expiresAt: bindExpiresAt, expiresAtEpoch: Math.floor(Date.parse(bindExpiresAt) / 1000) },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
    } catch (e) {
      if (isConditionalFailure(e)) throw new AppError('ALREADY_EXISTS', { accountId: account.accountId });
      throw e;
    }
  }

  async bind(bindCodeHash: string, pseudonym: string, now: string): Promise<StaffAccount | undefined> {
    const code = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.bindCode(bindCodeHash), ConsistentRead: true }));
    if (!code.Item || String(code.Item.expiresAt) <= now) return undefined;
    const accountId = String(code.Item.accountId);
    try {
      // Burning the code and writing the binding in one transaction: a code binds one WeChat
      // identity, once, even when two phones race with it.
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: this.table, Key: keys.bindCode(bindCodeHash), ConditionExpression: 'attribute_exists(PK) AND expiresAt > :now', ExpressionAttributeValues: { ':now': now } } },
            { Put: { TableName: this.table, Item: { ...keys.binding(pseudonym), entity: 'binding', accountId, boundAt: now } } },
          ],
        }),
      );
    } catch (e) {
      if (isConditionalFailure(e) || errorName(e) === 'TransactionCanceledException') return undefined;
      throw e;
    }
    return this.getAccount(accountId);
  }

  async accountFor(pseudonym: string): Promise<StaffAccount | undefined> {
    const binding = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.binding(pseudonym), ConsistentRead: true }));
    return binding.Item ? this.getAccount(String(binding.Item.accountId)) : undefined;
  }

  private async getAccount(accountId: string): Promise<StaffAccount | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.account(accountId), ConsistentRead: true }));
    return r.Item ? stripKeys<StaffAccount>(r.Item) : undefined;
  }
}
