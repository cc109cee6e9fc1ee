import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@shared/errors';
import type { RectificationTask } from '@shared/rectification/task';
import type { TaskStore } from '../../ports';
import { keys } from './keys';
import { GSI1 } from './table';
import { collect, queryAll, stripKeys } from './query';
import { isConditionalFailure } from './errors';

/**
 * Tasks live in one partition (a county has thousands, written at human pace), with a GSI per
 * unit so a staff member's list reads only their unit's tasks.
 */
export class DynamoTaskStore implements TaskStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async createTask(task: RectificationTask): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: this.item(task), ConditionExpression: 'attribute_not_exists(PK)' }));
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }

  async getTask(taskId: string): Promise<RectificationTask | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.task(taskId), ConsistentRead: true }));
    return r.Item ? stripKeys<RectificationTask>(r.Item) : undefined;
  }

  async replaceTask(task: RectificationTask, expectedRevision: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: this.item(task), ConditionExpression: 'revision = :rev', ExpressionAttributeValues: { ':rev': expectedRevision } }),
      );
    } catch (e) {
      if (isConditionalFailure(e)) throw new AppError('TASK_STATE_CONFLICT', { taskId: task.taskId, reason: 'changed by someone else; reload' });
      throw e;
    }
  }

  async listTasks(filter: { unitId?: string }): Promise<RectificationTask[]> {
    const items = filter.unitId
      ? await collect(
          queryAll(this.db, { TableName: this.table, IndexName: GSI1.name, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.taskUnitPartition(filter.unitId) } }),
        )
      : await collect(queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.taskPartition }, ConsistentRead: true }));
    return items.map((i) => stripKeys<RectificationTask>(i));
  }

  private item(task: RectificationTask) {
    return { ...keys.task(task.taskId), ...keys.taskUnitIndex(task.unitId, task.taskId), entity: 'task', ...task };
  }
}
