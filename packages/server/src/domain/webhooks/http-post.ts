import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { ParleyError } from '@parley/protocol';
import { resolveAllowed } from '../media/address-guard.js';
import { parseWebhookUrl } from './url-policy.js';

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Response bytes kept; the rest is read and dropped. */
  maxResponseBytes: number;
  /** Aborts the attempt (server shutting down). */
  signal?: AbortSignal;
}

/** What one attempt came to. `statusCode` null: no answer (refused, timed out, address not allowed). */
export interface PostResult {
  statusCode: number | null;
  error: string | null;
  responseBody: string;
  durationMs: number;
}

/**
 * POSTs a webhook body once: http(s) only, every address of the host checked before connecting and
 * the connection pinned to a checked one (no second lookup to race), redirects not followed, the
 * whole attempt — connect, send, read the answer — within `timeoutMs`. Never throws.
 */
export async function postWebhook(rawUrl: string, headers: Record<string, string>, body: string, opts: PostOptions): Promise<PostResult> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const done = (r: Omit<PostResult, 'durationMs'>): PostResult => ({ ...r, durationMs: Math.round(performance.now() - started) });
  try {
    const url = parseWebhookUrl(rawUrl);
    const addresses = await resolveAllowed(url.hostname, opts.allowPrivate);
    const res = await send(url, addresses, headers, body, signal);
    const responseBody = await readBounded(res, opts.maxResponseBytes, signal);
    const status = res.statusCode ?? 0;
    const ok = status >= 200 && status < 300;
    return done({ statusCode: status, error: ok ? null : `HTTP ${status}`, responseBody });
  } catch (err) {
    if (timeout.aborted) return done({ statusCode: null, error: `timed out after ${opts.timeoutMs} ms`, responseBody: '' });
    if (opts.signal?.aborted) return done({ statusCode: null, error: 'aborted: the server stopped', responseBody: '' });
    if (err instanceof ParleyError) return done({ statusCode: null, error: `${err.code}: ${err.message}`, responseBody: '' });
    return done({ statusCode: null, error: err instanceof Error ? err.message : 'request failed', responseBody: '' });
  }
}

function send(
  url: URL,
  addresses: { address: string; family: number }[],
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const pinned: LookupFunction = (_host, options, callback) => {
    const first = addresses[0];
    if (!first) {
      callback(new Error('no address'), '', 0);
      return;
    }
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const bytes = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', lookup: pinned, signal, agent: false, headers: { ...headers, 'content-length': String(bytes.length) } },
      resolve,
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

/** Reads the answer, keeping its first `max` bytes; resolves when it ended. */
function readBounded(res: IncomingMessage, max: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    const onAbort = (): void => {
      res.destroy();
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      if (kept >= max) return;
      const part = chunk.subarray(0, max - kept);
      chunks.push(part);
      kept += part.length;
    });
    res.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    res.on('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      reject(err);
    });
  });
}
