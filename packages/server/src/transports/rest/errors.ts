import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ParleyError, type ErrorBody } from '@parley/protocol';

/** Fastify's own failures, mapped to Parley codes. */
const FASTIFY_CODES: Record<string, ParleyError['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'E_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'E_BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'E_BAD_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'E_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'E_VALIDATION',
  FST_ERR_VALIDATION: 'E_VALIDATION',
};

/** Every REST error answers `{error: {code, message, path?}}` with the code's status. */
export function toParleyError(err: unknown): ParleyError {
  if (err instanceof ParleyError) return err;
  const fe = err as Partial<FastifyError> & { type?: string };
  if (fe.code && FASTIFY_CODES[fe.code]) return new ParleyError(FASTIFY_CODES[fe.code] as ParleyError['code'], fe.message);
  if (fe.type === 'entity.parse.failed' || err instanceof SyntaxError) return new ParleyError('E_BAD_JSON');
  if (typeof fe.statusCode === 'number' && fe.statusCode === 429) return new ParleyError('E_RATE_LIMITED');
  if (typeof fe.statusCode === 'number' && fe.statusCode === 413) return new ParleyError('E_PAYLOAD_TOO_LARGE');
  if (typeof fe.statusCode === 'number' && fe.statusCode === 415) return new ParleyError('E_UNSUPPORTED_MEDIA_TYPE');
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return new ParleyError('E_VALIDATION', fe.message);
  return new ParleyError('E_INTERNAL');
}

export function sendError(reply: FastifyReply, err: ParleyError): FastifyReply {
  if (err.retryAfter !== undefined) void reply.header('retry-after', String(err.retryAfter));
  const body: { error: ErrorBody } = { error: err.toBody() };
  return reply.code(err.status).send(body);
}

/** Fastify's `frameworkErrors`: the router's refusals answered like every other error. */
export function frameworkErrorHandler(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void sendError(reply, toParleyError(err));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const parley = toParleyError(err);
    // Unexpected failures are logged with their stack; the client only ever sees the code.
    if (parley.code === 'E_INTERNAL') request.log.error({ err }, 'request failed');
    return sendError(reply, parley);
  });
  // JSON is UTF-8 (RFC 8259): a body that declares another charset is not read as if it were.
  app.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    const charset = /;\s*charset=("?)([^";\s]+)\1/i.exec(request.headers['content-type'] ?? '')?.[2]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') done(new ParleyError('E_UNSUPPORTED_MEDIA_TYPE', `Bodies are UTF-8, not ${charset}`));
    else done();
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) =>
    sendError(reply, new ParleyError('E_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
}

/** Node's HTTP parser failures, which reach no route. */
const CLIENT_ERRORS: Record<string, ParleyError['code']> = {
  HPE_HEADER_OVERFLOW: 'E_HEADERS_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'E_REQUEST_TIMEOUT',
};

/**
 * Fastify's `clientErrorHandler`: a request Node could not parse (headers over the size limit, a
 * malformed request line, a timeout) is answered with the same `{error: {code, message}}` body as every
 * other error, then the connection is closed, as Node itself does.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const error = new ParleyError(CLIENT_ERRORS[err.code ?? ''] ?? 'E_BAD_REQUEST');
    const body = JSON.stringify({ error: error.toBody() });
    socket.write(
      `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
