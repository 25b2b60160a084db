import { ParleyError } from '@parley/protocol';
import type { Plan } from '../../store/index.js';
import { resolveAllowed } from '../../infra/http/index.js';

/**
 * Whether a tenant's endpoints may reach private, loopback and link-local addresses (an intranet
 * bot, tests): its plan's `webhooks.allowPrivateUrls`, or the server-wide setting. Off by default:
 * otherwise any admin could make the server post into its own network.
 */
export function allowsPrivateUrls(plan: Plan, serverWide: boolean): boolean {
  return serverWide || plan.webhooks?.allowPrivateUrls === true;
}

/** A webhook URL's syntax: absolute http(s), no credentials, no fragment. E_VALIDATION at `/url` otherwise. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ParleyError('E_VALIDATION', 'The URL is not a valid absolute URL', { path: '/url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ParleyError('E_VALIDATION', 'Only http and https URLs are allowed', { path: '/url' });
  if (url.username !== '' || url.password !== '') throw new ParleyError('E_VALIDATION', 'The URL must not carry credentials', { path: '/url' });
  if (url.hash !== '') throw new ParleyError('E_VALIDATION', 'The URL must not have a fragment', { path: '/url' });
  if (url.hostname === '') throw new ParleyError('E_VALIDATION', 'The URL has no host', { path: '/url' });
  return url;
}

/**
 * Checks a URL an admin registers: its syntax, then every address its host has now (the media
 * fetcher's guard). A host that does not resolve yet is accepted — each attempt checks again.
 */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  const url = parseWebhookUrl(raw);
  try {
    await resolveAllowed(url.hostname, allowPrivate);
  } catch (err) {
    if (err instanceof ParleyError && err.code === 'E_URL_FORBIDDEN') {
      throw new ParleyError('E_URL_FORBIDDEN', `The host ${url.hostname} resolves to a private or reserved address`, { path: '/url' });
    }
    if (!(err instanceof ParleyError && err.code === 'E_FETCH_FAILED')) throw err;
  }
  return url;
}
