/**
 * λ twilio-webhook — `POST /twilio/messages`: verify, parse, store, enqueue, answer empty TwiML.
 * Kept lean: no twilio SDK main entry, no Slack, no model in this bundle.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  PayloadTooLargeError,
  parseInboundMessage,
  verifyTwilioRequest,
} from '../adapters/twilio-request.ts';
import { receiveCustomerMessage } from '../core/use-cases/receive-customer-message.ts';
import { errorResponse, json } from '../shared/http.ts';
import { logger, maskAddress, maskText } from '../shared/logging.ts';
import { clock, env, requireCredential } from '../wiring/base.ts';
import { inbox } from '../wiring/inbox.ts';
import { events } from '../wiring/queues.ts';

const authToken = requireCredential('TWILIO_AUTH_TOKEN');
const emptyTwiml: APIGatewayProxyStructuredResultV2 = {
  statusCode: 200,
  headers: { 'content-type': 'text/xml' },
  body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
};

async function receive(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    const params = verifyTwilioRequest(event, {
      authToken,
      ...(env.PUBLIC_BASE_URL ? { publicBaseUrl: env.PUBLIC_BASE_URL } : {}),
    });
    const inbound = parseInboundMessage(params);
    const result = await receiveCustomerMessage({ store: inbox, events, clock }, inbound);
    logger.info('inbound message accepted', {
      messageSid: inbound.messageSid,
      channel: inbound.channel,
      from: maskAddress(inbound.customerAddress),
      body: maskText(inbound.body),
      media: inbound.media.length,
      duplicate: result.duplicate,
    });
    return emptyTwiml;
  } catch (error) {
    // Refused before parsing: not Twilio, and nothing was read or stored.
    if (error instanceof PayloadTooLargeError) {
      logger.warn('rejected request: payload too large');
      return json(413, { error: 'payload too large' });
    }
    return errorResponse(error);
  }
}

/** Lambda entry point. */
export const handler = middy(receive).use(injectLambdaContext(logger, { clearState: true }));
