/**
 * One mapper from errors to HTTP responses: callers see a status and a generic message, never internals.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { UnauthorizedError, ValidationError } from '../core/errors.ts';
import { logger } from './logging.ts';

/** A small JSON response. */
export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Maps an error to a response: 403 bad signature, 400 bad input, 500 anything else (so the sender retries). */
export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof UnauthorizedError) {
    logger.warn('rejected request: bad signature');
    return json(403, { error: 'invalid signature' });
  }
  if (error instanceof ValidationError) {
    logger.warn('rejected request: invalid body', { reason: error.message });
    return json(400, { error: error.message });
  }
  logger.error('request failed', { error: error instanceof Error ? error : String(error) });
  return json(500, { error: 'internal error' });
}
