import { ParleyError } from '@parley/protocol';

/**
 * Which web pages may talk to a tenant from a browser. A browser names the page's origin in the
 * `Origin` header of every WebSocket upgrade and every cross-origin (and most same-origin) request;
 * a request without one comes from no browser page (a server, the Node SDK, curl), which could send
 * any header it liked, so the check has nothing to add there.
 *
 * Allowed: the server's own origin (the console, pages the server itself serves), the origins the
 * tenant listed, and anything when the list holds `*` (an explicit, documented escape for
 * development). An empty list therefore lets no other site in.
 */

/** The development escape: any origin. */
export const ANY_ORIGIN = '*';

/**
 * An origin exactly as a browser serialises it: `scheme://host[:port]`, nothing after the authority,
 * no user info (`@`), no backslash (URL parsers read it as a slash), no white space.
 */
const ORIGIN_SHAPE = /^(https?):\/\/([^/?#@\\\s]+)$/i;

/**
 * The canonical form of an origin (lower case, IDN as punycode, default port dropped), or null when
 * the text is not an http(s) origin. A host with a trailing dot names another origin in a browser,
 * so it stays as it is and matches only itself.
 */
export function normaliseOrigin(text: string): string | null {
  if (!ORIGIN_SHAPE.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return `${url.protocol}//${url.host}`;
}

/**
 * An admin's entry for the allow-list: `*`, or an origin, forgiving one trailing slash (what a copied
 * address bar gives). Throws E_VALIDATION at `path` saying what is wrong.
 */
export function parseAllowedOrigin(text: string, path: string): string {
  const trimmed = text.trim();
  if (trimmed === ANY_ORIGIN) return ANY_ORIGIN;
  const origin = normaliseOrigin(trimmed.endsWith('/') ? trimmed.slice(0, -1) : trimmed);
  if (origin === null) throw new ParleyError('E_VALIDATION', `${path}: must be an origin like https://www.example.com (scheme, host and optional port; no path)`, { path });
  if (new URL(origin).hostname.endsWith('.')) throw new ParleyError('E_VALIDATION', `${path}: the host must not end with a dot`, { path });
  return origin;
}

/** The origins the server answers on for this request: its scheme and Host, and https behind a proxy. */
export function ownOrigins(request: { protocol: string; host: string }): string[] {
  const own = [normaliseOrigin(`${request.protocol}://${request.host}`)];
  // Behind a TLS-terminating proxy the request arrives as http while the page is https.
  if (request.protocol === 'http') own.push(normaliseOrigin(`https://${request.host}`));
  return own.filter((o): o is string => o !== null);
}

/** Whether a browser page of `origin` may reach the tenant whose allow-list is `allowed`. */
export function originAllowed(origin: string | undefined, allowed: readonly string[], own: readonly string[]): boolean {
  if (origin === undefined) return true;
  const normal = normaliseOrigin(origin);
  if (normal === null) return allowed.includes(ANY_ORIGIN);
  return own.includes(normal) || allowed.includes(ANY_ORIGIN) || allowed.includes(normal);
}

/** Throws 403 E_ORIGIN_FORBIDDEN when the page's origin may not reach the tenant. */
export function checkOrigin(tenant: { allowedOrigins: readonly string[] }, origin: string | undefined, own: readonly string[]): void {
  if (!originAllowed(origin, tenant.allowedOrigins, own)) {
    throw new ParleyError('E_ORIGIN_FORBIDDEN', `Origin ${String(origin).slice(0, 200)} is not allowed for this tenant; an admin adds it to the widget's allowed origins`);
  }
}
