import type { Readable } from 'node:stream';
import { ParleyError } from '@parley/protocol';
import { pinnedRequest } from '../../infra/http/index.js';

export interface FetchOptions {
  maxBytes: number;
  allowPrivate: boolean;
  signal: AbortSignal;
  maxRedirects?: number;
}

export interface Fetched {
  body: Readable;
  /** The last URL's file name and Content-Type, as declared by the remote server. */
  fileName: string;
  contentType: string;
}

const FILE_URL = '/content/fileUrl';

/**
 * GETs a `fileUrl` for the server (seed 004's send by URL) through the pinned-DNS client: private
 * addresses refused unless the plan allows them, redirects followed (and checked) a few times, a
 * declared Content-Length over the limit refused before reading, anything but a 2xx a failure. The
 * body still has to be read within `maxBytes` (the blob store enforces it while streaming).
 */
export async function fetchUrl(raw: string, opts: FetchOptions): Promise<Fetched> {
  const url = new URL(raw);
  try {
    const res = await pinnedRequest(url, {
      method: 'GET',
      headers: { 'user-agent': 'Parley media fetcher', accept: '*/*' },
      allowPrivate: opts.allowPrivate,
      signal: opts.signal,
      maxRedirects: opts.maxRedirects ?? 3,
      maxBodyBytes: opts.maxBytes,
    });
    if (res.status < 200 || res.status >= 300) {
      res.body.resume();
      throw new ParleyError('E_FETCH_FAILED', `The URL answered ${res.status}`);
    }
    const last = decodeURIComponentSafe(res.url.pathname.split('/').pop() ?? '');
    return { body: res.body, fileName: last, contentType: res.headers['content-type'] ?? '' };
  } catch (err) {
    throw asFileUrlError(err, opts.signal);
  }
}

/** Every failure as the sender sees it: an error code at the `fileUrl` field. */
function asFileUrlError(err: unknown, signal: AbortSignal): ParleyError {
  if (err instanceof ParleyError) return new ParleyError(err.code, err.message, { path: FILE_URL });
  if (signal.aborted) return new ParleyError('E_FETCH_FAILED', 'Fetching the URL timed out', { path: FILE_URL });
  return new ParleyError('E_FETCH_FAILED', `Fetching the URL failed: ${err instanceof Error ? err.message : 'request failed'}`, { path: FILE_URL });
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
