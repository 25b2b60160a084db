import assert from 'node:assert/strict';
import type { TestServer } from '../helpers/server.js';
import { linkIn, type TestSmtp } from '../helpers/smtp.js';

/** Test helpers for the accounts admin: HTTP calls with a bearer and an optional refresh cookie. */

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
  /** The refresh cookie set by the answer, if any. */
  cookie?: string;
}

export interface ErrorBody {
  error: { code: string; message: string; path?: string };
}

export interface SignedInBody {
  accessToken: string;
  expiresAt: number;
  user: { id: string; kind: string; nickname: string };
  account: { email: string; role: string };
}

export interface AccountBody {
  userId: string;
  email: string;
  name: string;
  role: string;
  status: 'active' | 'invited' | 'deactivated';
  online: boolean;
  departments: string[];
  maxChats: number;
  lastLoginAt: number | null;
  createdAt: number;
}

export interface InvitedBody {
  invitation: { id: string; email: string; role: string; expiresAt: number; createdAt: number };
  mailed: boolean;
  link?: string;
}

export async function call<T = Record<string, unknown>>(
  t: TestServer,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; cookie?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie !== undefined) headers.cookie = `parley_refresh=${opts.cookie}`;
  const res = await fetch(`${t.url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  const refresh = res.headers.getSetCookie().find((c) => c.startsWith('parley_refresh='));
  const value = refresh?.slice('parley_refresh='.length).split(';')[0];
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers, ...(value ? { cookie: value } : {}) };
}

/** The `token` of a console link (`…/console/#/accept?token=…`). */
export function tokenOf(link: string): string {
  const token = new URL(link.replace('#/', '')).searchParams.get('token');
  assert.ok(token, `a token in ${link}`);
  return token;
}

/**
 * Invites `email` with `role` as `inviter` (an admin key or an access token) and follows the link the
 * way the person would: from the mail when `smtp` is given, else from the answer. Resolves to the
 * signed-in answer of the accepted invitation.
 */
export async function inviteAndAccept(
  t: TestServer,
  inviter: string,
  input: { email: string; role: string; name?: string; departments?: string[]; maxChats?: number },
  password: string,
  smtp?: TestSmtp,
): Promise<Answer<SignedInBody>> {
  const before = smtp?.mails.length ?? 0;
  const invited = await call<InvitedBody>(t, 'POST', '/v1/admin/invitations', { token: inviter, body: input });
  assert.equal(invited.status, 201, JSON.stringify(invited.body));
  const mailTo = (email: string) => (m: { envelopeTo: string[] }) => smtp!.mails.indexOf(m as never) >= before && m.envelopeTo.includes(email.toLowerCase());
  const link = smtp ? linkIn(await smtp.waitFor(mailTo(input.email)), '#/accept?token=') : invited.body.link;
  assert.ok(link, 'a link to follow');
  const accepted = await call<SignedInBody>(t, 'POST', '/v1/auth/accept', { body: { token: tokenOf(link), password } });
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  return accepted;
}
