import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import type { Config } from '../config/index.js';
import { REDACT_PATHS, safeUrl } from './redact.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Fastify's logger: JSON lines (pino) at the configured level, secrets redacted, URLs made safe. */
export function loggerOptions(config: Pick<Config, 'logLevel'>, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: safeUrl(request.url),
        route: request.routeOptions?.url,
        remoteAddress: request.ip,
      }),
    },
    ...(stream ? { stream } : {}),
  };
}

/**
 * The request id: the caller's `x-request-id` when it is a short token (a proxy's id links the logs
 * of both), else a fresh UUID. It is answered in `x-request-id` and logged as `reqId`.
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}
