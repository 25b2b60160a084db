/** A page a mailed or printed link opens. */
export type LinkPage = 'setup' | 'accept' | 'reset';

/**
 * The page a link opened: `#/setup?token=…`, `#/accept?token=…`, `#/reset?token=…`; null for any
 * other address (or one without its token).
 */
export function linkRoute(hash: string): { page: LinkPage; token: string } | null {
  const match = /^#\/(setup|accept|reset)\?(.*)$/.exec(hash);
  if (!match) return null;
  const token = new URLSearchParams(match[2]).get('token');
  return token ? { page: match[1] as LinkPage, token } : null;
}
