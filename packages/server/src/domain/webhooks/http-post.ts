import { ParleyError } from '@parley/protocol';
import { pinnedRequest, readCapped } from '../../infra/http/index.js';
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
 * POSTs a webhook body once through the pinned-DNS client (private addresses refused unless allowed,
 * no second lookup to race), redirects not followed, the whole attempt — connect, send, read the
 * answer — within `timeoutMs`. Never throws.
 */
export async function postWebhook(rawUrl: string, headers: Record<string, string>, body: string, opts: PostOptions): Promise<PostResult> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const done = (r: Omit<PostResult, 'durationMs'>): PostResult => ({ ...r, durationMs: Math.round(performance.now() - started) });
  try {
    const url = parseWebhookUrl(rawUrl);
    const res = await pinnedRequest(url, { method: 'POST', headers, body: Buffer.from(body, 'utf8'), allowPrivate: opts.allowPrivate, signal });
    const responseBody = await readCapped(res.body, opts.maxResponseBytes, signal);
    const status = res.status;
    const ok = status >= 200 && status < 300;
    return done({ statusCode: status, error: ok ? null : `HTTP ${status}`, responseBody });
  } catch (err) {
    if (timeout.aborted) return done({ statusCode: null, error: `timed out after ${opts.timeoutMs} ms`, responseBody: '' });
    if (opts.signal?.aborted) return done({ statusCode: null, error: 'aborted: the server stopped', responseBody: '' });
    if (err instanceof ParleyError) return done({ statusCode: null, error: `${err.code}: ${err.message}`, responseBody: '' });
    return done({ statusCode: null, error: err instanceof Error ? err.message : 'request failed', responseBody: '' });
  }
}
