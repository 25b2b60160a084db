import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ParleyError } from '@parley/protocol';

/** How long a file part may stay open once the whole request body has arrived. */
const GRACE_MS = 1000;

/**
 * Opens the upload's file part, turning the parser's own failures (no boundary, a broken header)
 * into E_VALIDATION rather than a server error.
 */
export async function openFilePart<T>(open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (err) {
    if (err instanceof ParleyError) throw err;
    const status = (err as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) throw err;
    throw new ParleyError('E_VALIDATION', 'The multipart body is malformed', { path: '/file' });
  }
}

/** Watches one file part; `signal` aborts the upload when the body ended without its closing boundary. */
export interface PartWatch {
  signal: AbortSignal;
  /** The error to answer with when the watch aborted the upload, else undefined. */
  failure(): ParleyError | undefined;
  stop(): void;
}

/**
 * A body that ends without its closing boundary leaves the file part open for ever (the parser
 * waits for bytes that will never come, and its stream neither ends nor fails). Once the request has
 * ended, the part gets a moment to finish; then the upload is aborted, answered with E_VALIDATION,
 * and its temp file dropped.
 */
export function watchFilePart(request: FastifyRequest, file: Readable): PartWatch {
  const controller = new AbortController();
  let failure: ParleyError | undefined;
  let timer: NodeJS.Timeout | undefined;
  const onEnd = (): void => {
    timer = setTimeout(() => {
      if (file.readableEnded) return;
      failure = new ParleyError('E_VALIDATION', 'The multipart body ended before its closing boundary', { path: '/file' });
      controller.abort(failure);
    }, GRACE_MS);
    timer.unref();
  };
  if (request.raw.readableEnded) onEnd();
  else request.raw.once('end', onEnd);
  return {
    signal: controller.signal,
    failure: () => failure,
    stop: () => {
      clearTimeout(timer);
      request.raw.off('end', onEnd);
    },
  };
}
