import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@shared/errors';
import type { Programme, TargetLink } from '@shared/model/programme';
import type { Round } from '@shared/model/round';
import type { ProgrammeStore } from '../../domain/programmes/port';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';
import { cancellationCodes, isConditionalFailure } from './errors';

export class DynamoProgrammeStore implements ProgrammeStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async createProgramme(programme: Programme, round?: Round): Promise<void> {
    const put = { TableName: this.table, Item: { ...keys.programme(programme.id), entity: 'programme', ...programme }, ConditionExpression: 'attribute_not_exists(PK)' };
    if (!round) {
      try {
        await this.db.send(new PutCommand(put));
      } catch (e) {
        if (isConditionalFailure(e)) throw new AppError('ALREADY_EXISTS', { programmeId: programme.id });
        throw e;
      }
      return;
    }
    // A solo programme and its round: one transaction, so a taken round id leaves no programme behind.
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: put },
            { Put: { TableName: this.table, Item: { ...keys.round(round.id), entity: 'round', ...round }, ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
        }),
      );
    } catch (e) {
      if (!isConditionalFailure(e)) throw e;
      const [programmeCode, roundCode] = cancellationCodes(e);
      if (roundCode === 'ConditionalCheckFailed' || programmeCode !== 'ConditionalCheckFailed') throw new AppError('ALREADY_EXISTS', { roundId: round.id });
      throw new AppError('ALREADY_EXISTS', { programmeId: programme.id });
    }
  }

  async getProgramme(id: string): Promise<Programme | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.programme(id), ConsistentRead: true }));
    return r.Item ? stripKeys<Programme>(r.Item) : undefined;
  }

  async listProgrammes(): Promise<Programme[]> {
    const items = await collect(
      queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.programmePartition }, ConsistentRead: true }),
    );
    return items.map((i) => stripKeys<Programme>(i));
  }

  async appendLink(programmeId: string, link: TargetLink): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName: this.table, Key: keys.programme(programmeId), ConditionExpression: 'attribute_exists(PK)' } },
            { Put: { TableName: this.table, Item: { ...keys.targetLink(programmeId, link.at, link.linkId), entity: 'targetLink', ...link }, ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
        }),
      );
    } catch (e) {
      if (!isConditionalFailure(e)) throw e;
      if (cancellationCodes(e)[0] === 'ConditionalCheckFailed') throw new AppError('PROGRAMME_NOT_FOUND', { programmeId });
      throw new AppError('ALREADY_EXISTS', { linkId: link.linkId });
    }
  }

  async listLinks(programmeId: string): Promise<TargetLink[]> {
    const items = await collect(
      queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.targetLinkPartition(programmeId) }, ConsistentRead: true }),
    );
    return items.map((i) => stripKeys<TargetLink>(i));
  }
}
