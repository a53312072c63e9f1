/** One error class per failure a caller must tell apart. */
import type { Conversation } from './model.ts';

/** Base class so transports can map domain errors in one place. */
export class TandemError extends Error {
  override readonly name: string = 'TandemError';
}

/** A state transition that the conversation state machine does not allow. */
export class IllegalTransitionError extends TandemError {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly action: string,
    readonly from: string,
  ) {
    super(`cannot ${action} a conversation in mode ${from}`);
  }
}

/** A conditional write lost: someone else changed the item first. */
export class ConflictError extends TandemError {
  override readonly name: string = 'ConflictError';
}

/**
 * An agent's send found the conversation not theirs (any more) inside its conditional write. `current` is
 * the conversation as that condition saw it (absent: it is gone), so the caller can say why without reading
 * it again.
 */
export class NotOwnerError extends ConflictError {
  override readonly name: string = 'NotOwnerError';
  constructor(
    message: string,
    readonly current?: Conversation,
  ) {
    super(message);
  }
}

/** Something the caller referred to does not exist (unknown thread, case, conversation). */
export class NotFoundError extends TandemError {
  override readonly name = 'NotFoundError';
}

/** Input that fails validation (malformed body, missing field). */
export class ValidationError extends TandemError {
  override readonly name = 'ValidationError';
}

/** A request whose authenticity could not be verified (bad signature). */
export class UnauthorizedError extends TandemError {
  override readonly name = 'UnauthorizedError';
}

/** Why a channel refused or failed a message. `transient` is worth retrying; the others are final. */
export type ChannelFailure = 'opted_out' | 'window_closed' | 'invalid_number' | 'transient' | 'rejected';

/** A failure reported by the customer channel (Twilio error codes mapped to a kind). */
export class ChannelError extends TandemError {
  override readonly name = 'ChannelError';
  constructor(
    readonly kind: ChannelFailure,
    message: string,
    readonly providerCode?: string | number,
    /**
     * True when the provider may have accepted the message although the call failed (a timeout or a
     * connection reset after the request went out): resending could reach the customer twice.
     */
    readonly maybeSent = false,
  ) {
    super(message);
  }
}

/** The language model could not answer after its retries. */
export class ModelUnavailableError extends TandemError {
  override readonly name = 'ModelUnavailableError';
}

/**
 * A dependency asked to be called again later (Slack's 429 `Retry-After`, a card being posted by another
 * delivery). Queue consumers fail the record and keep it invisible for `afterSeconds`.
 */
export class RetryLaterError extends TandemError {
  override readonly name = 'RetryLaterError';
  constructor(
    message: string,
    readonly afterSeconds: number,
  ) {
    super(message);
  }
}

/** A customer's attachment cannot be fetched, now or ever (gone, too large, not the provider's URL). */
export class MediaUnavailableError extends TandemError {
  override readonly name = 'MediaUnavailableError';
}

/** The business API could not be reached or kept failing (network, 429, 5xx) after the adapter's retries. */
export class BusinessApiUnavailableError extends TandemError {
  override readonly name = 'BusinessApiUnavailableError';
}
