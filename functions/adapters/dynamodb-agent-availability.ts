/**
 * The {@link AgentAvailabilityStore} on the one table: one item per agent who ever set it,
 * `pk = AGENT#<slack user id>`, `sk = AVAILABILITY`, `away`, `updatedAt` and `homeOpenedAt`. An agent's choice is kept until
 * they change it (it holds no customer data, so it does not expire). Keys in `docs/data-model.md`.
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AgentAvailability, AgentAvailabilityStore } from '#core/ports.ts';

const key = (agentId: string) => ({ pk: `AGENT#${agentId}`, sk: 'AVAILABILITY' });

/** DynamoDB implementation of the {@link AgentAvailabilityStore} port. */
export class DynamoDbAgentAvailability implements AgentAvailabilityStore {
  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getAvailability(agentIds: readonly string[]): Promise<Map<string, AgentAvailability>> {
    // Strong reads, one per agent (a route's group is a few dozen people at most), in parallel.
    const items = await Promise.all(
      [...new Set(agentIds)].map(async (agentId) => {
        const { Item } = await this.documentClient.send(
          new GetCommand({ TableName: this.tableName, Key: key(agentId), ConsistentRead: true }),
        );
        return Item
          ? {
              agentId,
              away: Item.away === true,
              updatedAt: String(Item.updatedAt ?? ''),
              ...(typeof Item.homeOpenedAt === 'string' ? { homeOpenedAt: Item.homeOpenedAt } : {}),
            }
          : undefined;
      }),
    );
    return new Map(items.filter((item) => item !== undefined).map((item) => [item.agentId, item]));
  }

  async setAway(agentId: string, away: boolean, at: string): Promise<void> {
    await this.documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(agentId),
        UpdateExpression: 'SET away = :away, updatedAt = :at, itemType = :type',
        ExpressionAttributeValues: { ':away': away, ':at': at, ':type': 'agent_availability' },
      }),
    );
  }

  async markHomeOpened(agentId: string, at: string): Promise<void> {
    // An agent who never chose is available: `away` starts false, an existing choice is kept.
    await this.documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(agentId),
        UpdateExpression:
          'SET homeOpenedAt = :at, itemType = :type, away = if_not_exists(away, :no), updatedAt = if_not_exists(updatedAt, :at)',
        ExpressionAttributeValues: { ':at': at, ':type': 'agent_availability', ':no': false },
      }),
    );
  }
}
