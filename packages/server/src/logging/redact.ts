/**
 * Log paths that may hold a secret: pino replaces their values with `[REDACTED]`. Request headers are
 * not logged by default; these cover anything that logs them, or an object with a token, on purpose
 * or by accident.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["sec-websocket-protocol"]',
  'token',
  'adminKey',
  'apiKey',
  'password',
  'secret',
  '*.token',
  '*.adminKey',
  '*.apiKey',
  '*.password',
  '*.secret',
  '*.tokenSecret',
];

const SECRET_QUERY = /([?&](?:token|access_token|key|api_key|apikey|fileToken|fileKey|password|secret)=)[^&#]*/gi;
const BEARER = /(bearer[ .])[A-Za-z0-9._~+/=-]+/gi;
/**
 * Credentials by their shape, wherever they appear (under any parameter name, in a path segment):
 * a JWT (`eyJ…` header, two dots) and an API key (`pk_…`).
 */
const CREDENTIAL = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*|pk_[A-Za-z0-9_-]{16,}/g;

/** The secret of an invitation, set-up or reset link, which the console's page sends in the path. */
const LINK_PATH = /(\/auth\/links\/)[^/?#]+/g;

/** A URL as it may be logged: the values of secret-looking query parameters and credentials removed. */
export function safeUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[REDACTED]').replace(BEARER, '$1[REDACTED]').replace(CREDENTIAL, '[REDACTED]').replace(LINK_PATH, '$1[REDACTED]');
}
