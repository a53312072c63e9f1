/**
 * Action proposals on the one table, in the conversation's partition (`CONV#<id>`, sort key
 * `ACTION#<proposal>`), so an erase of the customer takes them with the rest. Every write is conditional:
 * creation on absence, changes on the stored version (`ConflictError` otherwise). Free text passes
 * `redactAtRestDeep`, and every item expires with the retention.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ActionProposal, ActionStore } from '#core/actions/model.ts';
import { ConflictError } from '#core/errors.ts';
import { redactAtRestDeep } from '#core/guardrails/pii-at-rest.ts';

function key(conversationId: string, proposalId: string): { pk: string; sk: string } {
  return { pk: `CONV#${conversationId}`, sk: `ACTION#${proposalId}` };
}

/** `ActionStore` on DynamoDB. */
export class DynamoDbActionStore implements ActionStore {
  private readonly retentionSeconds: number;

  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: { retentionDays?: number } = {},
  ) {
    this.retentionSeconds = (options.retentionDays ?? 90) * 24 * 3600;
  }

  async getProposal(conversationId: string, proposalId: string): Promise<ActionProposal | undefined> {
    const { Item } = await this.documentClient.send(
      new GetCommand({
        TableName: this.tableName,
        Key: key(conversationId, proposalId),
        ConsistentRead: true,
      }),
    );
    return Item?.['proposal'] as ActionProposal | undefined;
  }

  async createProposal(proposal: ActionProposal): Promise<boolean> {
    try {
      await this.put(proposal, 'attribute_not_exists(pk)');
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async saveProposal(proposal: ActionProposal): Promise<void> {
    try {
      await this.put(proposal, '#version = :expected', { ':expected': proposal.version - 1 });
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConflictError(`proposal ${proposal.proposalId} changed meanwhile`);
      }
      throw error;
    }
  }

  private async put(
    proposal: ActionProposal,
    condition: string,
    values?: Record<string, unknown>,
  ): Promise<void> {
    await this.documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(proposal.conversationId, proposal.proposalId),
          itemType: 'action-proposal',
          version: proposal.version,
          proposal: redactAtRestDeep(JSON.parse(JSON.stringify(proposal)) as ActionProposal),
          expiresAt: Math.floor(Date.now() / 1000) + this.retentionSeconds,
        },
        ConditionExpression: condition,
        ...(values
          ? { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: values }
          : {}),
      }),
    );
  }
}
