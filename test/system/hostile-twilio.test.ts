/**
 * The Twilio doors under hostile input, on the local runtime: oversized, malformed and unsigned posts to
 * `/twilio/messages` and `/twilio/status` get a 4xx (never a 5xx), the process stays healthy, and a full
 * table scan finds nothing of them.
 */
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TWILIO_BODY_BYTES } from '../../functions/adapters/twilio-request.ts';
import { newMessageSid } from '../../local/driver.ts';
import { localDynamoClient } from '../../local/dynamodb-local.ts';
import { type SystemHarness, startSystem } from '../helpers/system.ts';
import { signedTwilioForm } from '../helpers/twilio-signing.ts';

let system: SystemHarness;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  system = await startSystem();
  documents = DynamoDBDocumentClient.from(localDynamoClient(system.runtime.services.dynamoEndpoint));
});

afterAll(async () => {
  documents?.destroy();
  await system?.stop();
});

/** Every item of the table, as JSON text, one per item. */
async function fullScan(): Promise<string[]> {
  const items: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: system.runtime.services.tableName,
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) items.push(JSON.stringify(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Form parameters of an inbound message carrying `marker` in its sid and body. */
function inbound(marker: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...system.driver.twilioParams({ from: '+15557776000', body: `hello ${marker}` }),
    MessageSid: `SM${marker}`,
    ...overrides,
  };
}

/** Posts `raw` to `path` with a valid signature over `params` (so only the body's shape is at fault). */
function postRaw(path: string, raw: string, params: Record<string, string>, contentType?: string) {
  const { twilio } = system.runtime.services;
  const { headers } = signedTwilioForm(`${system.runtime.url}${path}`, params, twilio.authToken ?? '');
  return system.driver.post(path, raw, {
    ...headers,
    ...(contentType ? { 'content-type': contentType } : {}),
  });
}

async function healthy(): Promise<number> {
  return (await fetch(`${system.runtime.url}/health`)).status;
}

/** A fresh marker: 32 hex digits, valid inside a MessageSid and easy to find in a scan. */
const marker = () => newMessageSid().slice(2);

describe('hostile Twilio input', () => {
  const markers: string[] = [];
  let itemsBefore = 0;

  beforeAll(async () => {
    itemsBefore = (await fullScan()).length;
  });

  it('an oversized, correctly signed message gets 413 and the runtime stays healthy', async () => {
    const id = marker();
    markers.push(id);
    const params = inbound(id, { Body: `${id} ${'x'.repeat(MAX_TWILIO_BODY_BYTES)}` });
    const response = await system.driver.postTwilio('/twilio/messages', params);
    expect(response.status).toBe(413);
    expect(await healthy()).toBe(200);
  });

  it('an oversized, correctly signed status callback gets 413', async () => {
    const id = marker();
    markers.push(id);
    const response = await system.driver.postTwilio('/twilio/status', {
      MessageSid: `SM${id}`,
      MessageStatus: 'failed',
      ErrorCode: '30003',
      Padding: 'p'.repeat(MAX_TWILIO_BODY_BYTES),
    });
    expect(response.status).toBe(413);
    expect(await healthy()).toBe(200);
  });

  it("a body above API Gateway's 10 MB limit is refused with 413 before any handler runs", async () => {
    const id = marker();
    markers.push(id);
    const params = inbound(id);
    const raw = `${new URLSearchParams(params).toString()}&Pad=${'z'.repeat(10 * 1024 * 1024)}`;
    const response = await postRaw('/twilio/messages', raw, params);
    expect(response.status).toBe(413);
    expect(await healthy()).toBe(200);
  });

  it.each([
    [
      'bad percent-encoding',
      (p: Record<string, string>) => `${new URLSearchParams(p).toString()}&Body=%E2%82`,
    ],
    ['a stray %', (p: Record<string, string>) => `${new URLSearchParams(p).toString()}&Note=100%`],
    [
      'too many parameters',
      (p: Record<string, string>) =>
        `${new URLSearchParams(p).toString()}&${Array.from({ length: 500 }, (_, i) => `X${i}=1`).join('&')}`,
    ],
  ])('a signed message with %s gets 400', async (_, build) => {
    const id = marker();
    markers.push(id);
    const params = inbound(id);
    const response = await postRaw('/twilio/messages', build(params), params);
    expect(response.status).toBe(400);
  });

  it.each([
    ['without From', (p: Record<string, string>) => ({ ...p, From: '' })],
    ['without MessageSid', (p: Record<string, string>) => ({ ...p, MessageSid: '' })],
    ['with a From that is not E.164', (p: Record<string, string>) => ({ ...p, From: 'whatsapp:hello' })],
  ])('a correctly signed message %s gets 400', async (_, change) => {
    const id = marker();
    markers.push(id);
    const response = await system.driver.postTwilio('/twilio/messages', change(inbound(id)));
    expect(response.status).toBe(400);
  });

  it('a signed body sent as JSON (wrong content type) gets 400', async () => {
    const id = marker();
    markers.push(id);
    const params = inbound(id);
    const response = await postRaw('/twilio/messages', JSON.stringify(params), params, 'application/json');
    expect(response.status).toBe(400);
  });

  it('a missing or garbled signature gets 403', async () => {
    const id = marker();
    markers.push(id);
    const body = new URLSearchParams(inbound(id)).toString();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await system.driver.post('/twilio/messages', body, form)).status).toBe(403);
    const garbled = { ...form, 'x-twilio-signature': '%%%not-base64%%%' };
    expect((await system.driver.post('/twilio/messages', body, garbled)).status).toBe(403);
    expect((await system.driver.post('/twilio/status', body, garbled)).status).toBe(403);
  });

  it('after all of it: nothing of any hostile request is in the table, and a real message still works', async () => {
    await system.settle();
    const items = await fullScan();
    expect(items).toHaveLength(itemsBefore);
    for (const id of markers) {
      expect(
        items.filter((item) => item.includes(id)),
        id,
      ).toEqual([]);
    }
    expect(system.sentTo('+15557776000')).toEqual([]);

    // The scan is not blind: a well-formed message from the same number is stored and answered.
    const id = marker();
    const accepted = await system.driver.postTwilio('/twilio/messages', inbound(id));
    expect(accepted.status).toBe(200);
    await system.settle();
    expect((await fullScan()).some((item) => item.includes(id))).toBe(true);
    expect(system.sentTo('+15557776000').length).toBeGreaterThan(0);
    expect(await healthy()).toBe(200);
  });
});
