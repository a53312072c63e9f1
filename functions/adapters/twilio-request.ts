/**
 * Twilio webhooks at the edge: signature check and parsing of inbound messages and status callbacks.
 * On the webhook's hot path, so the import graph stays tiny: only Twilio's signature module
 * (`twilio/lib/webhooks/webhooks`, which needs nothing but node:crypto/url/querystring), never the
 * `twilio` main entry, and `zod/mini`.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import * as z from 'zod/mini';
import { UnauthorizedError, ValidationError } from '../core/errors.ts';
import { type Channel, type DeliveryStatus, type Media, numberOf, WHATSAPP_PREFIX } from '../core/model.ts';

/**
 * The largest decoded body accepted. Twilio's form posts are a few KB (a 1,600-character SMS, WhatsApp's
 * 4,096 characters and ten media URLs stay far below); anything larger is not Twilio and is refused
 * before it is parsed, verified or stored.
 */
export const MAX_TWILIO_BODY_BYTES = 64 * 1024;

/** The most form parameters accepted (Twilio sends about 30, plus two per media item, at most ten). */
export const MAX_TWILIO_PARAMS = 128;

/** A body larger than {@link MAX_TWILIO_BODY_BYTES}: answered 413 (a 400 wherever it is not told apart). */
export class PayloadTooLargeError extends ValidationError {}

/** How to reconstruct the URL Twilio signed. */
export interface TwilioRequestOptions {
  authToken: string;
  /**
   * The public origin Twilio calls (custom domain, proxy, tunnel), e.g. `https://hooks.example.com`.
   * When set, the signed URL is this + `rawPath` + query; otherwise it is rebuilt from the API Gateway
   * domain and stage.
   */
  publicBaseUrl?: string;
}

/**
 * Verifies `X-Twilio-Signature` over the public URL and the form parameters; returns the parameters.
 * Accepts the URL with and without `:443` (as Twilio's helper does). Checks run cheapest first, so a
 * hostile body costs little: size (`PayloadTooLargeError`), signature header (`UnauthorizedError`),
 * content type and strict form decoding (`ValidationError`), then the HMAC (`UnauthorizedError`).
 */
export function verifyTwilioRequest(
  event: APIGatewayProxyEventV2,
  options: TwilioRequestOptions,
): Record<string, string> {
  const size = decodedSize(event);
  if (size > MAX_TWILIO_BODY_BYTES) {
    throw new PayloadTooLargeError(`body of ${size} bytes exceeds ${MAX_TWILIO_BODY_BYTES}`);
  }
  const signature = header(event.headers, 'x-twilio-signature');
  if (!signature) throw new UnauthorizedError('missing X-Twilio-Signature');
  const contentType = header(event.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') {
    throw new ValidationError('invalid request: expected an application/x-www-form-urlencoded body');
  }
  const params = formParams(event);
  const url = signedUrl(event, options.publicBaseUrl);
  let valid = false;
  try {
    valid = validateRequest(options.authToken, signature, url, params);
  } catch {
    // A URL that `new URL()` rejects cannot have been signed by Twilio.
    valid = false;
  }
  if (!valid) throw new UnauthorizedError('invalid X-Twilio-Signature');
  return params;
}

/** The URL Twilio signed for this request, as `verifyTwilioRequest` reconstructs it. */
export function signedUrl(event: APIGatewayProxyEventV2, publicBaseUrl?: string): string {
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  if (publicBaseUrl) return `${publicBaseUrl.replace(/\/+$/, '')}${event.rawPath}${query}`;
  const { domainName, stage } = event.requestContext;
  // HTTP APIs already put a named stage at the start of rawPath; add it only when it is missing.
  const stagePrefix =
    stage && stage !== '$default' && !`${event.rawPath}/`.startsWith(`/${stage}/`) ? `/${stage}` : '';
  return `https://${domainName}${stagePrefix}${event.rawPath}${query}`;
}

/** An inbound customer message, as Twilio delivered it. */
export interface InboundMessage {
  messageSid: string;
  accountSid?: string;
  channel: Channel;
  /** The customer's E.164 number, without the `whatsapp:` prefix. */
  customerAddress: string;
  /** Where replies go: `From` as given (`whatsapp:` kept). */
  customerTo: string;
  /** The business number written to: `To` as given (`whatsapp:` kept). */
  businessAddress: string;
  body: string;
  /** WhatsApp display name. */
  profileName?: string;
  media: Media[];
}

const required = (name: string) =>
  z.string().check(z.refine((value) => value.trim().length > 0, `${name} is required`));

const inboundSchema = z.object({
  MessageSid: required('MessageSid'),
  AccountSid: z.optional(z.string()),
  From: required('From'),
  To: required('To'),
  Body: z.optional(z.string()),
  ProfileName: z.optional(z.string()),
  NumMedia: z.optional(z.string().check(z.regex(/^\d{1,2}$/, 'NumMedia must be a small number'))),
});

const E164 = /^\+[1-9]\d{6,14}$/;
// Twilio SIDs are two letters and 32 hex digits; bounded so a key built from one stays far below
// DynamoDB's key-size limits (an oversized key would be a 500, not a 400).
const SID = /^[A-Za-z0-9]{2,64}$/;
const MAX_ADDRESS_CHARS = 64;

/** Parses an inbound-message webhook's form parameters; `ValidationError` names what is missing. */
export function parseInboundMessage(params: Record<string, string>): InboundMessage {
  const fields = parse(inboundSchema, params, 'inbound message');
  if (!SID.test(fields.MessageSid))
    throw new ValidationError('invalid inbound message: MessageSid is malformed');
  if (fields.To.length > MAX_ADDRESS_CHARS)
    throw new ValidationError('invalid inbound message: To is too long');
  const whatsapp = fields.From.startsWith(WHATSAPP_PREFIX);
  const customerAddress = numberOf(fields.From);
  if (!E164.test(customerAddress)) {
    throw new ValidationError('invalid inbound message: From is not an E.164 phone number');
  }
  const media: Media[] = [];
  for (let i = 0; i < Number(fields.NumMedia ?? 0); i++) {
    const url = params[`MediaUrl${i}`];
    if (!url) throw new ValidationError(`invalid inbound message: MediaUrl${i} is required`);
    media.push({ url, contentType: params[`MediaContentType${i}`] || 'application/octet-stream' });
  }
  return {
    messageSid: fields.MessageSid,
    ...(fields.AccountSid ? { accountSid: fields.AccountSid } : {}),
    channel: whatsapp ? 'whatsapp' : 'sms',
    customerAddress,
    customerTo: fields.From,
    businessAddress: fields.To,
    body: fields.Body ?? '',
    ...(whatsapp && fields.ProfileName?.trim() ? { profileName: fields.ProfileName.trim() } : {}),
    media,
  };
}

/** A delivery status callback. */
export interface StatusCallback {
  messageSid: string;
  status: DeliveryStatus;
  errorCode?: string;
}

// Twilio statuses outside our model, folded onto the closest one.
const STATUS_ALIASES: Record<string, DeliveryStatus> = {
  scheduled: 'accepted',
  canceled: 'failed',
  receiving: 'received',
  partially_delivered: 'delivered',
};
const STATUSES = new Set<string>([
  'accepted',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'undelivered',
  'received',
]);

const statusSchema = z.object({
  MessageSid: z.optional(z.string()),
  SmsSid: z.optional(z.string()),
  MessageStatus: z.optional(z.string()),
  SmsStatus: z.optional(z.string()),
  ErrorCode: z.optional(z.string()),
});

/** Parses a status-callback webhook's form parameters; `ValidationError` names what is missing. */
export function parseStatusCallback(params: Record<string, string>): StatusCallback {
  const fields = parse(statusSchema, params, 'status callback');
  const messageSid = fields.MessageSid || fields.SmsSid;
  if (!messageSid) throw new ValidationError('invalid status callback: MessageSid is required');
  if (!SID.test(messageSid)) throw new ValidationError('invalid status callback: MessageSid is malformed');
  const raw = (fields.MessageStatus || fields.SmsStatus || '').toLowerCase();
  if (!raw) throw new ValidationError('invalid status callback: MessageStatus is required');
  const status = STATUSES.has(raw) ? (raw as DeliveryStatus) : STATUS_ALIASES[raw];
  if (!status) throw new ValidationError(`invalid status callback: unknown MessageStatus "${raw}"`);
  return {
    messageSid,
    status,
    ...(fields.ErrorCode && fields.ErrorCode !== '0' ? { errorCode: fields.ErrorCode } : {}),
  };
}

function parse<T extends z.ZodMiniType>(schema: T, params: unknown, what: string): z.infer<T> {
  const result = z.safeParse(schema, params);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.code === 'invalid_type' && issue.input === undefined
      ? `${issue.path.join('.')} is required`
      : issue.message,
  );
  throw new ValidationError(`invalid ${what}: ${problems.join('; ')}`);
}

/** The body's size in bytes once decoded, computed without decoding it. */
function decodedSize(event: APIGatewayProxyEventV2): number {
  const raw = event.body ?? '';
  return event.isBase64Encoded ? Buffer.byteLength(raw, 'base64') : Buffer.byteLength(raw, 'utf8');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes the form body strictly: invalid UTF-8, a stray `%` or a percent sequence that is not UTF-8,
 * and more than {@link MAX_TWILIO_PARAMS} parameters are a `ValidationError` (`URLSearchParams` would
 * silently repair them). On valid input the result equals `URLSearchParams`'s, last value winning.
 */
function formParams(event: APIGatewayProxyEventV2): Record<string, string> {
  const raw = event.body ?? '';
  let body: string;
  try {
    body = event.isBase64Encoded ? utf8.decode(Buffer.from(raw, 'base64')) : raw;
  } catch {
    throw new ValidationError('invalid request: body is not UTF-8');
  }
  const pairs = body.split('&').filter((pair) => pair.length > 0);
  if (pairs.length > MAX_TWILIO_PARAMS) {
    throw new ValidationError(`invalid request: more than ${MAX_TWILIO_PARAMS} form parameters`);
  }
  const entries = pairs.map((pair) => {
    const split = pair.indexOf('=');
    const name = split === -1 ? pair : pair.slice(0, split);
    const value = split === -1 ? '' : pair.slice(split + 1);
    return [decodeFormComponent(name), decodeFormComponent(value)] as const;
  });
  // fromEntries defines own properties, so a `__proto__` parameter cannot reach the prototype.
  return Object.fromEntries(entries);
}

function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    throw new ValidationError('invalid request: malformed percent-encoding');
  }
}

function header(headers: APIGatewayProxyEventV2['headers'], name: string): string | undefined {
  // API Gateway v2 lowercases header names; local runtimes and tests may not.
  const direct = headers?.[name];
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}
