/**
 * The one registry of Parley error codes. Every failure a client can see carries one of these codes,
 * a human message and, for validation, the path of the offending field. Over REST a code maps to its
 * HTTP status; over WebSocket it is the error of the request's ack (the connection stays up) or, for
 * faults of the connection itself, the close code given here.
 */
export const ERRORS = {
  E_VALIDATION: { status: 400, message: 'The request is not valid' },
  E_BAD_JSON: { status: 400, message: 'The body or frame is not valid JSON' },
  E_UNKNOWN_OP: { status: 400, message: 'Unknown operation' },
  E_BAD_REQUEST: { status: 400, message: 'The HTTP request is malformed' },
  E_LINK_INVALID: { status: 400, message: 'The link is invalid, used or expired' },
  E_UNAUTHENTICATED: { status: 401, message: 'Authentication is required' },
  E_TOKEN_INVALID: { status: 401, message: 'The access token is invalid' },
  E_TOKEN_EXPIRED: { status: 401, message: 'The access token has expired' },
  E_LOGIN_FAILED: { status: 401, message: 'Email or password is incorrect' },
  E_SESSION_REVOKED: { status: 401, message: 'The session has ended; sign in again' },
  E_FORBIDDEN: { status: 403, message: 'You may not do this' },
  E_ORIGIN_FORBIDDEN: { status: 403, message: 'This origin is not allowed for the tenant' },
  E_FEATURE_UNAVAILABLE: { status: 403, message: "This feature is not in the tenant's plan" },
  E_NOT_FOUND: { status: 404, message: 'Not found' },
  E_TENANT_NOT_FOUND: { status: 404, message: 'Tenant not found' },
  E_CHAT_NOT_FOUND: { status: 404, message: 'Chat not found' },
  E_USER_NOT_FOUND: { status: 404, message: 'User not found' },
  E_MESSAGE_NOT_FOUND: { status: 404, message: 'Message not found' },
  E_DEPARTMENT_NOT_FOUND: { status: 404, message: 'Department not found' },
  E_WEBHOOK_NOT_FOUND: { status: 404, message: 'Webhook endpoint not found' },
  E_DELIVERY_NOT_FOUND: { status: 404, message: 'Webhook delivery not found' },
  E_INVITATION_NOT_FOUND: { status: 404, message: 'Invitation not found' },
  E_CANNED_NOT_FOUND: { status: 404, message: 'Canned response not found' },
  E_API_KEY_NOT_FOUND: { status: 404, message: 'API key not found' },
  E_CONFLICT: { status: 409, message: 'The resource already exists' },
  E_IDEMPOTENCY_CONFLICT: {
    status: 409,
    message: 'A message with this id already exists with a different body',
  },
  E_CHAT_ENDED: { status: 409, message: 'The chat has ended' },
  E_CHAT_TAKEN: { status: 409, message: 'The chat is no longer waiting in the queue' },
  E_AGENT_UNAVAILABLE: { status: 409, message: 'The agent is not available or has no free capacity' },
  E_OPERATION_NOT_ALLOWED: { status: 409, message: "The operation is not among the chat's current capabilities" },
  E_NOT_MEMBER: { status: 403, message: 'You are not a member of this chat' },
  E_PAYLOAD_TOO_LARGE: { status: 413, message: 'The body or frame is too large' },
  E_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported media type' },
  E_MEDIA_TYPE_MISMATCH: { status: 415, message: 'The declared type of the file disagrees with its bytes' },
  E_MEDIA_INVALID: { status: 422, message: 'The file could not be read as its type, or is too large to decode' },
  E_MEDIA_NOT_FOUND: { status: 404, message: 'Media not found' },
  E_URL_FORBIDDEN: { status: 403, message: 'The URL points to an address the server may not fetch' },
  E_FETCH_FAILED: { status: 502, message: 'The file could not be fetched from its URL' },
  E_REQUEST_TIMEOUT: { status: 408, message: 'The request was not received in time' },
  E_SUBPROTOCOL_UNSUPPORTED: { status: 400, message: 'None of the offered WebSocket subprotocols is parley.v1' },
  E_UPGRADE_REQUIRED: { status: 426, message: 'This route opens a WebSocket: send an upgrade request' },
  E_HEADERS_TOO_LARGE: { status: 431, message: 'The request line or headers are too large' },
  E_RANGE_NOT_SATISFIABLE: { status: 416, message: 'The requested byte range is not satisfiable' },
  E_RATE_LIMITED: { status: 429, message: 'Too many requests' },
  E_INTERNAL: { status: 500, message: 'Internal error' },
  E_UNAVAILABLE: { status: 503, message: 'The service is temporarily unavailable; retry later' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The JSON body of every error, over REST and in WebSocket acks. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** JSON pointer of the offending field, for validation errors. */
  path?: string;
  /** Every failing field, when there are several (form validation). */
  details?: ErrorDetail[];
  /** Seconds to wait, for E_RATE_LIMITED and E_UNAVAILABLE. */
  retryAfter?: number;
}

export interface ErrorDetail {
  path: string;
  message: string;
}

/** Errors the client may retry unchanged. */
export const RETRIABLE_CODES: ReadonlySet<ErrorCode> = new Set(['E_UNAVAILABLE', 'E_RATE_LIMITED', 'E_INTERNAL']);

/** The one error class: thrown by domain code, mapped by each transport. */
export class ParleyError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly path: string | undefined;
  readonly details: ErrorDetail[] | undefined;
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    extra: { path?: string; details?: ErrorDetail[]; retryAfter?: number } = {},
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'ParleyError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.path = extra.path;
    this.details = extra.details;
    this.retryAfter = extra.retryAfter;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.path !== undefined) body.path = this.path;
    if (this.details !== undefined) body.details = this.details;
    if (this.retryAfter !== undefined) body.retryAfter = this.retryAfter;
    return body;
  }
}

export function isParleyError(err: unknown): err is ParleyError {
  return err instanceof ParleyError;
}

/** WebSocket close codes Parley uses; see docs/protocol.md. */
export const CLOSE_CODES = {
  /** Server shutting down or draining: reconnect (elsewhere) and resume. */
  GOING_AWAY: 1001,
  /** A frame over the size limit (set by the WebSocket layer). */
  MESSAGE_TOO_BIG: 1009,
  /** The server failed; reconnect and resume. */
  INTERNAL: 1011,
  /** The client stopped reading: its buffer passed the bound. Reconnect and resume. */
  SLOW_CONSUMER: 4008,
  /** No heartbeat answered in time. */
  HEARTBEAT_TIMEOUT: 4009,
  /** The token expired or the user was revoked: get a new token, then reconnect. */
  TOKEN_EXPIRED: 4401,
  /** The user was disabled or removed: do not reconnect. */
  REVOKED: 4403,
  /** Too many frames too fast. */
  RATE_LIMITED: 4429,
} as const;
