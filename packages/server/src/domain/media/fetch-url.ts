import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { ParleyError } from '@parley/protocol';
import { resolveAllowed } from './address-guard.js';

export interface FetchOptions {
  maxBytes: number;
  allowPrivate: boolean;
  signal: AbortSignal;
  maxRedirects?: number;
}

export interface Fetched {
  body: IncomingMessage;
  /** The last URL's file name and Content-Type, as declared by the remote server. */
  fileName: string;
  contentType: string;
}

/**
 * GETs a `fileUrl` for the server (seed 004's send by URL): http(s) only, every address of the host
 * checked before connecting and the connection pinned to a checked address, redirects followed (and
 * checked) a few times, a declared Content-Length over the limit refused before reading. The body
 * still has to be read within `maxBytes` (the blob store enforces it while streaming).
 */
export async function fetchUrl(raw: string, opts: FetchOptions): Promise<Fetched> {
  let url = new URL(raw);
  for (let hop = 0; hop <= (opts.maxRedirects ?? 3); hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ParleyError('E_URL_FORBIDDEN', 'Only http and https URLs are fetched', { path: '/content/fileUrl' });
    }
    const addresses = await resolveAllowed(url.hostname, opts.allowPrivate);
    const res = await get(url, addresses, opts.signal);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      url = new URL(res.headers.location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw new ParleyError('E_FETCH_FAILED', `The URL answered ${status}`, { path: '/content/fileUrl' });
    }
    const length = Number(res.headers['content-length'] ?? NaN);
    if (Number.isFinite(length) && length > opts.maxBytes) {
      res.destroy();
      throw new ParleyError('E_PAYLOAD_TOO_LARGE', `The file at the URL is larger than the limit of ${opts.maxBytes} bytes`, {
        path: '/content/fileUrl',
      });
    }
    const last = decodeURIComponentSafe(url.pathname.split('/').pop() ?? '');
    return { body: res, fileName: last, contentType: res.headers['content-type'] ?? '' };
  }
  throw new ParleyError('E_FETCH_FAILED', 'Too many redirects', { path: '/content/fileUrl' });
}

function get(url: URL, addresses: { address: string; family: number }[], signal: AbortSignal): Promise<IncomingMessage> {
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
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', lookup: pinned, signal, headers: { 'user-agent': 'Parley media fetcher', accept: '*/*' } }, resolve);
    req.on('error', (err) => {
      reject(
        signal.aborted
          ? new ParleyError('E_FETCH_FAILED', 'Fetching the URL timed out', { path: '/content/fileUrl' })
          : new ParleyError('E_FETCH_FAILED', `Fetching the URL failed: ${err.message}`, { path: '/content/fileUrl' }),
      );
    });
    req.end();
  });
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
