import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Round, RoundStatus } from '@shared/model/round';
import { AppError } from '@shared/errors';
import type { RoundStore } from '../../ports';
import { keys } from './keys';
import { collect, queryAll, stripKeys } from './query';
import { isConditionalFailure } from './errors';
import { soloProgrammeId } from '@shared/model/programme';

/** A round stored before programmes existed is read as the only round of its own solo programme. */
function asRound(item: Record<string, unknown>): Round {
  const round = stripKeys<Round>(item);
  return round.programmeId ? round : { ...round, programmeId: soloProgrammeId(round.id) };
}

export class DynamoRoundStore implements RoundStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async createRound(round: Round): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: { ...keys.round(round.id), entity: 'round', ...round }, ConditionExpression: 'attribute_not_exists(PK)' }),
      );
    } catch (e) {
      if (isConditionalFailure(e)) throw new AppError('ALREADY_EXISTS', { roundId: round.id });
      throw e;
    }
  }

  async getRound(id: string): Promise<Round | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.round(id), ConsistentRead: true }));
    return r.Item ? asRound(r.Item) : undefined;
  }

  async listRounds(): Promise<Round[]> {
    const items = await collect(
      queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.roundPartition }, ConsistentRead: true }),
    );
    return items.map(asRound);
  }

  async transitionRound(id: string, from: RoundStatus, patch: Partial<Round> & { status: RoundStatus }): Promise<Round> {
    return this.update(id, patch, { expectedStatus: from });
  }

  async setSampling(id: string, version: number, revoked: boolean): Promise<Round> {
    return this.update(id, { samplingVersion: version, samplingRevoked: revoked }, {});
  }

  private async update(id: string, patch: Partial<Round>, opts: { expectedStatus?: RoundStatus }): Promise<Round> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = entries.map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:v${i}`] = v;
      return `#f${i} = :v${i}`;
    });
    let condition = 'attribute_exists(PK)';
    if (opts.expectedStatus) {
      names['#status'] = 'status';
      values[':expected'] = opts.expectedStatus;
      condition += ' AND #status = :expected';
    }
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.round(id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return asRound(r.Attributes ?? {});
    } catch (e) {
      if (isConditionalFailure(e)) throw new AppError('ROUND_STATE_CONFLICT', { roundId: id });
      throw e;
    }
  }
}
