import Type from "typebox";

/**
 * Every error code the API returns, with its HTTP status. This table is the one place
 * where codes map to statuses.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_TOKEN: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  /** A grave step needs a fresh sign-in (accounts without a password). */
  REAUTHENTICATION_REQUIRED: 401,
  EMAIL_NOT_VERIFIED: 403,
  FORBIDDEN: 403,
  ACCOUNT_SUSPENDED: 403,
  /** An admin must turn on two-factor sign-in before any admin route answers. */
  TWO_FACTOR_SETUP_REQUIRED: 403,
  /** An Auth0 member has not yet given a date of birth and accepted the terms: no paid action. */
  PROFILE_INCOMPLETE: 403,
  /** A wrong or already used TOTP or backup code. */
  INVALID_TWO_FACTOR_CODE: 401,
  /** The account is banned: every sign-in is refused. */
  ACCOUNT_BANNED: 403,
  CSRF_REJECTED: 403,
  FILE_URL_INVALID: 403,
  FILE_URL_EXPIRED: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  HOLD_ALREADY_RESOLVED: 409,
  INVALID_TRANSITION: 409,
  INSUFFICIENT_FUNDS: 402,
  SPENDING_LIMIT_REACHED: 403,
  ACCOUNT_FROZEN: 403,
  INVALID_AMOUNT: 400,
  INVALID_SIGNATURE: 400,
  UNSUPPORTED_CURRENCY: 400,
  CONFLICT: 409,
  /** The slot was booked (or its reader's time otherwise taken) first; nothing was held. */
  SLOT_TAKEN: 409,
  /** The time asked for is not one of the reader's offered slots (hours, notice, horizon). */
  SLOT_UNAVAILABLE: 409,
  /** A booking's price is no longer the one the client was shown; `current.priceCents` has it. */
  PRICE_CHANGED: 409,
  /** The reader has a booked reading starting within 20 minutes: no on-demand readings now. */
  READER_BOOKED_SOON: 409,
  /** The reader's rate is no longer the one the client was shown; `current.ratePerUnitCents` has it. */
  RATE_CHANGED: 409,
  /** Other clients are ahead in the reader's waitlist: join it instead. */
  QUEUE_AHEAD: 409,
  /** The reader has not finished onboarding with the payout provider. */
  PAYOUT_ACCOUNT_NOT_READY: 409,
  /** An admin put this reader's payouts on hold. */
  PAYOUTS_HELD: 409,
  /** Auto-reload needs a saved card. */
  NO_SAVED_CARD: 409,
  /** A card dispute of this client is still open (their wallet stays frozen until it closes). */
  DISPUTE_OPEN: 409,
  /** No available earnings (or fewer than the payout needs). */
  NOTHING_TO_PAY: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNDERAGE: 422,
  INVALID_IMAGE: 422,
  TERMS_NOT_ACCEPTED: 422,
  PASSWORD_TOO_WEAK: 422,
  OAUTH_FAILED: 401,
  FEATURE_DISABLED: 404,
  UPGRADE_REQUIRED: 426,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  /** The node is shedding load: the same request goes through if sent again after `retryAfterMs`. */
  RETRY_LATER: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  message: string;
}

/** A failure the caller can understand and act on. Thrown by services; rendered in one place. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    options?: ErrorExtras,
  ) {
    super(message);
    this.name = "DomainError";
    this.current = options?.current;
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** Values the caller needs to try again, e.g. the current rate (RATE_CHANGED). */
  readonly current: Record<string, number> | undefined;
  /** When sending the same request again may succeed (RETRY_LATER), in ms. */
  readonly retryAfterMs: number | undefined;

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** What some errors carry besides code and message, for the caller to try again. */
export interface ErrorExtras {
  current?: Record<string, number>;
  retryAfterMs?: number;
}

/** RATE_LIMITED with the seconds the caller should wait (sent as Retry-After). */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("RATE_LIMITED", message);
    this.name = "RateLimitedError";
  }
}

export const ErrorResponseSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: "Stable machine-readable code, e.g. EMAIL_TAKEN." }),
      message: Type.String(),
      requestId: Type.String(),
      details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
      current: Type.Optional(
        Type.Record(Type.String(), Type.Integer(), {
          description: "Values the caller needs to try again, e.g. `ratePerUnitCents` with RATE_CHANGED.",
        }),
      ),
      retryAfterMs: Type.Optional(
        Type.Integer({
          minimum: 0,
          description: "RETRY_LATER: send the same request again after this long.",
        }),
      ),
    }),
  },
  { $id: "ErrorResponse", title: "ErrorResponse" },
);

export function errorBody(
  code: string,
  message: string,
  requestId: string,
  details?: ErrorDetail[],
  extras: ErrorExtras = {},
) {
  const { current, retryAfterMs } = extras;
  return {
    error: {
      code,
      message,
      requestId,
      ...(details && details.length > 0 ? { details } : {}),
      ...(current ? { current } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  };
}
