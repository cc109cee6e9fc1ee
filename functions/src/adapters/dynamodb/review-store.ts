import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@shared/errors';
import type { MisconductRecord } from '@shared/publication/snapshot';
import type { AuditEntry, FlagDecision, ReviewStore, StoredVoid } from '../../ports';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';
import { cancellationCodes } from './errors';
import { appendOnlyPut } from './append-only';

/** Voids, misconduct records and the audit log: written once each, never updated or deleted. */
export class DynamoReviewStore implements ReviewStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async putVoid(roundId: string, v: StoredVoid, audit: AuditEntry): Promise<void> {
    await this.putOnceWithAudit({ ...keys.voided(roundId, v.ballotId), entity: 'void', ...v }, audit, () => new AppError('BALLOT_ALREADY_VOIDED', { ballotId: v.ballotId }));
  }

  async listVoids(roundId: string): Promise<StoredVoid[]> {
    return (await this.partition(keys.voidedPartition(roundId))).map((i) => stripKeys<StoredVoid>(i));
  }

  async putMisconduct(roundId: string, m: MisconductRecord, audit: AuditEntry): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.table, Item: { ...keys.misconduct(roundId, m.recordId), entity: 'misconduct', ...m }, ConditionExpression: 'attribute_not_exists(PK)' } },
          this.auditPut(audit),
        ],
      }),
    );
  }

  async listMisconduct(roundId: string): Promise<MisconductRecord[]> {
    return (await this.partition(keys.misconductPartition(roundId))).map((i) => stripKeys<MisconductRecord>(i));
  }

  async listAudit(roundId: string): Promise<AuditEntry[]> {
    return (await this.partition(keys.auditPartition(roundId))).map((i) => stripKeys<AuditEntry>(i));
  }

  async putFlagDecision(roundId: string, d: FlagDecision, audit: AuditEntry): Promise<void> {
    await this.putOnceWithAudit({ ...keys.flagDecision(roundId, d.flagId), entity: 'flag_decision', ...d }, audit, () => new AppError('FLAG_ALREADY_DECIDED', { flagId: d.flagId }));
  }

  async listFlagDecisions(roundId: string): Promise<FlagDecision[]> {
    return (await this.partition(keys.flagDecisionPartition(roundId))).map((i) => stripKeys<FlagDecision>(i));
  }

  /** A record written once (conditional on its key being new) with its audit line, in one transaction. */
  private async putOnceWithAudit(item: Record<string, unknown>, audit: AuditEntry, taken: () => AppError): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } }, this.auditPut(audit)] }));
    } catch (e) {
      if (cancellationCodes(e)[0] === 'ConditionalCheckFailed') throw taken();
      throw e;
    }
  }

  /** An audit line; the condition makes even a replayed write unable to overwrite one. */
  auditPut(audit: AuditEntry) {
    return { Put: appendOnlyPut(this.table, { ...keys.audit(audit.roundId, audit.at, audit.entryId), entity: 'audit', ...audit }) };
  }

  private partition(pk: string) {
    return collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
  }
}
