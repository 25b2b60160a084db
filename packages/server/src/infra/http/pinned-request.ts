import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { ParleyError } from '@parley/protocol';
import { resolveAllowed, type HostLookup, type ResolvedAddress } from './resolve-allowed.js';

export interface PinnedRequestOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer;
  /** Whether private, loopback and link-local addresses may be reached (a plan's or the operator's choice). */
  allowPrivate: boolean;
  /** The deadline, and any other reason to stop: no outbound request goes without one. */
  signal: AbortSignal;
  /** Redirects followed, each hop checked like the first; without it a redirect is the answer. */
  maxRedirects?: number;
  /** A 2xx answer declaring a larger Content-Length is refused (E_PAYLOAD_TOO_LARGE) before its body is read. */
  maxBodyBytes?: number;
  /** The resolver; the system's unless given (a test's resolver that answers differently each time). */
  lookup?: HostLookup;
}

export interface PinnedResponse {
  /** The URL that answered (the last one, after redirects). */
  url: URL;
  status: number;
  headers: IncomingHttpHeaders;
  /** Must be read, resumed or destroyed by the caller. */
  body: Readable;
}

/**
 * The server's one way to make an HTTP request for a user (a media URL, a webhook): http(s) only,
 * every address of the host checked before connecting and the connection pinned to a checked one,
 * so a DNS answer that changes between the check and the connect (rebinding) reaches nothing. No
 * connection pool: a pooled socket would skip the check of the request that reuses it.
 *
 * Refusals are ParleyErrors (E_URL_FORBIDDEN, E_FETCH_FAILED, E_PAYLOAD_TOO_LARGE) without a path;
 * a failed connection or an abort rejects with the socket's own error, for the caller to word.
 */
export async function pinnedRequest(start: URL, opts: PinnedRequestOptions): Promise<PinnedResponse> {
  let url = start;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ParleyError('E_URL_FORBIDDEN', 'Only http and https URLs are fetched');
    }
    const addresses = await resolveAllowed(url.hostname, opts.allowPrivate, opts.lookup);
    const res = await send(url, addresses, opts);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (opts.maxRedirects !== undefined && status >= 300 && status < 400 && location) {
      res.resume();
      if (hop >= opts.maxRedirects) throw new ParleyError('E_FETCH_FAILED', 'Too many redirects');
      url = new URL(location, url);
      continue;
    }
    if (opts.maxBodyBytes !== undefined && status >= 200 && status < 300) refuseDeclaredOver(res, opts.maxBodyBytes);
    return { url, status, headers: res.headers, body: res };
  }
}

function refuseDeclaredOver(res: IncomingMessage, max: number): void {
  const length = Number(res.headers['content-length'] ?? NaN);
  if (Number.isFinite(length) && length > max) {
    res.destroy();
    throw new ParleyError('E_PAYLOAD_TOO_LARGE', `The file at the URL is larger than the limit of ${max} bytes`);
  }
}

function send(url: URL, addresses: ResolvedAddress[], opts: PinnedRequestOptions): Promise<IncomingMessage> {
  const pinned: LookupFunction = (_host, options, callback) => {
    const first = addresses[0];
    if (!first) {
      callback(new Error('no address'), '', 0);
      return;
    }
    if (options.all) callback(null, addresses);
    else callback(null, first.address, first.family);
  };
  const headers = opts.body ? { ...opts.headers, 'content-length': String(opts.body.length) } : opts.headers;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method, lookup: pinned, signal: opts.signal, agent: false, headers }, resolve);
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Reads an answer to its end, keeping its first `max` bytes (the rest is read and dropped). */
export function readCapped(body: Readable, max: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    const onAbort = (): void => {
      body.destroy();
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    body.on('data', (chunk: Buffer) => {
      if (kept >= max) return;
      const part = chunk.subarray(0, max - kept);
      chunks.push(part);
      kept += part.length;
    });
    body.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    body.on('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      reject(err);
    });
  });
}
