/**
 * λ twilio-status — `POST /twilio/status`: signature-checked delivery callbacks.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  PayloadTooLargeError,
  parseStatusCallback,
  verifyTwilioRequest,
} from '../adapters/twilio-request.ts';
import { recordDeliveryStatus } from '../core/use-cases/record-delivery-status.ts';
import { errorResponse, json } from '../shared/http.ts';
import { logger } from '../shared/logging.ts';
import { clock, env, requireCredential } from '../wiring/base.ts';
import { desk } from '../wiring/desk.ts';
import { store } from '../wiring/store.ts';

const authToken = requireCredential('TWILIO_AUTH_TOKEN');

async function receive(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    const params = verifyTwilioRequest(event, {
      authToken,
      ...(env.PUBLIC_BASE_URL ? { publicBaseUrl: env.PUBLIC_BASE_URL } : {}),
    });
    // The delivery reference of our StatusCallback URL (signed with it): the message, without a lookup.
    const callback = { ...parseStatusCallback(params), deliveryRef: event.queryStringParameters?.['ref'] };
    const result = await recordDeliveryStatus({ store, desk, clock }, callback);
    logger.info('delivery status', { messageSid: callback.messageSid, status: callback.status, result });
    return { statusCode: 204 };
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
