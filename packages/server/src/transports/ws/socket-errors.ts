import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';

/**
 * How long a closing socket may take to drain before it is cut. Its close frame waits behind what the
 * client has not read yet (bounded: nothing more is added), so a client that reads again within this
 * time still gets its close code (4008, 1009…) instead of a bare 1006.
 */
export const CLOSE_GRACE_MS = 30_000;

/**
 * Faults of an open socket. Most are the client's: a frame over the size limit (1009), invalid
 * UTF-8 (1007), a protocol violation (1002), a connection reset. They are logged at `info` with their
 * code, not as server errors with a stack; anything else is an error. For a protocol fault ws has
 * already queued the close frame with its code and ends the connection once it is written: cutting the
 * socket now would lose the frame (the client would see 1006), so it is cut only if that never happens.
 */
export function socketErrorHandler(error: Error, socket: WebSocket, log: FastifyBaseLogger): void {
  const code = (error as Error & { code?: unknown }).code;
  if (isClientFault(code)) log.info({ code, reason: error.message }, 'websocket closed on a client fault');
  else log.error({ err: error }, 'websocket error');
  if (isProtocolFault(code) && socket.readyState === socket.CLOSING) {
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
    return;
  }
  socket.terminate();
}

function isProtocolFault(code: unknown): code is string {
  return typeof code === 'string' && code.startsWith('WS_ERR_');
}

function isClientFault(code: unknown): boolean {
  return isProtocolFault(code) || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT';
}
