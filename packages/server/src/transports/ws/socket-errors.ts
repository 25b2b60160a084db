import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';

/**
 * Faults of an open socket. Most are the client's: a frame over the size limit (ws has already
 * closed with 1009), invalid UTF-8 (1007), a protocol violation (1002), a connection reset. They
 * are logged at `info` with their code, not as server errors with a stack; anything else is an
 * error. The socket is dropped either way.
 */
export function socketErrorHandler(error: Error, socket: WebSocket, log: FastifyBaseLogger): void {
  const code = (error as Error & { code?: unknown }).code;
  if (isClientFault(code)) log.info({ code, reason: error.message }, 'websocket closed on a client fault');
  else log.error({ err: error }, 'websocket error');
  socket.terminate();
}

function isClientFault(code: unknown): boolean {
  return typeof code === 'string' && (code.startsWith('WS_ERR_') || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT');
}
