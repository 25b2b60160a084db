import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import {
  AccountMeResponseSchema,
  AuthSessionsResponseSchema,
  ChangePasswordRequestSchema,
  LoginRequestSchema,
  ParleyError,
  RefreshRequestSchema,
  SetupRequestSchema,
  SetupStatusResponseSchema,
  SignedInResponseSchema,
  type SignedInResponse,
  type StaffRole,
} from '@parley/protocol';
import type { Services } from '../../domain/index.js';
import type { ClientInfo, SignedIn } from '../../domain/accounts/index.js';
import type { AccountRow } from '../../store/index.js';
import { toUser } from '../wire/user.js';
import { userOf, type CallerServices } from './auth.js';
import { NoContent, answers } from './responses.js';

/** The refresh cookie: HttpOnly, SameSite=Strict, sent only to the sign-in routes. */
export const REFRESH_COOKIE = 'parley_refresh';
const COOKIE_PATH = '/v1/auth';

/** Where a request came from, for its session and the audit log. */
export function clientOf(request: FastifyRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent : '' };
}

/** The refresh token of the request: its cookie, else `fromBody` (scripts and the SDK in Node). */
export function refreshTokenOf(request: FastifyRequest, fromBody?: string): string | undefined {
  const cookie = request.cookies[REFRESH_COOKIE];
  return fromBody ?? (cookie === undefined || cookie === '' ? undefined : cookie);
}

/** The session id of the request's refresh cookie (marks "this device" in lists), if any. */
function cookieSessionId(request: FastifyRequest): string | undefined {
  const cookie = request.cookies[REFRESH_COOKIE];
  const dot = cookie?.indexOf('.') ?? -1;
  return cookie !== undefined && dot > 0 ? cookie.slice(0, dot) : undefined;
}

/** Sets the refresh cookie for a new or rotated session; `Secure` when the request came over https. */
export function setRefreshCookie(request: FastifyRequest, reply: FastifyReply, refreshToken: string, sessionExpiresAt: number): void {
  reply.setCookie(REFRESH_COOKIE, refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    path: COOKIE_PATH,
    secure: request.protocol === 'https',
    maxAge: Math.max(0, Math.floor((sessionExpiresAt - Date.now()) / 1000)),
  });
}

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', path: COOKIE_PATH, secure: request.protocol === 'https' });
}

/**
 * The answer of a sign-in (login, refresh, set-up, an accepted invitation): the access token, the user
 * and their account; the refresh token goes in the cookie, or in the body when `mode` is `token`.
 */
export function signedInAnswer(request: FastifyRequest, reply: FastifyReply, signedIn: SignedIn, mode: 'cookie' | 'token'): SignedInResponse {
  const body: SignedInResponse = {
    accessToken: signedIn.accessToken,
    expiresAt: signedIn.expiresAt,
    user: toUser(signedIn.user),
    account: accountSummary(signedIn.account, signedIn.user.role),
  };
  if (signedIn.refreshToken !== undefined) {
    if (mode === 'token') body.refreshToken = signedIn.refreshToken;
    else setRefreshCookie(request, reply, signedIn.refreshToken, signedIn.sessionExpiresAt);
  }
  return body;
}

function accountSummary(account: AccountRow, role: StaffRole | undefined): { email: string; role: StaffRole } {
  return { email: account.email, role: role ?? 'agent' };
}

const SessionParams = Type.Object({ sessionId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false });
const signedInAnswers = answers({ 200: SignedInResponseSchema });

/** The facades the sign-in routes use. */
export type SignInRoutesServices = CallerServices & Pick<Services, 'accounts'>;

/**
 * Sign-in and sessions under `/v1/auth` (docs/accounts.md): login, refresh, logout (here or everywhere),
 * the caller's sessions and account, password change, and the owner's first-run set-up.
 */
export function signInRoutes(services: SignInRoutesServices): FastifyPluginCallback {
  const { signIn, setup } = services.accounts;
  return (app, _opts, done) => {
    // A browser refreshes (and signs out) with its cookie alone: no body reads as an empty one.
    app.addHook('preValidation', (request, _reply, next) => {
      request.body ??= {};
      next();
    });

    app.post<{ Body: Static<typeof LoginRequestSchema> }>('/login', { schema: { body: LoginRequestSchema, response: signedInAnswers } }, async (request, reply) => {
      const signedIn = await signIn.login(request.body, clientOf(request));
      return signedInAnswer(request, reply, signedIn, request.body.session ?? 'cookie');
    });

    app.post<{ Body: Static<typeof RefreshRequestSchema> }>(
      '/refresh',
      { schema: { body: RefreshRequestSchema, response: signedInAnswers } },
      async (request, reply) => {
        const fromBody = request.body.refreshToken;
        const token = refreshTokenOf(request, fromBody);
        if (token === undefined) throw new ParleyError('E_SESSION_REVOKED', 'No refresh token: sign in');
        try {
          const signedIn = await signIn.refresh(token, clientOf(request));
          return signedInAnswer(request, reply, signedIn, fromBody === undefined ? 'cookie' : 'token');
        } catch (err) {
          // A session that is over takes its cookie with it.
          if (err instanceof ParleyError && err.code === 'E_SESSION_REVOKED') clearRefreshCookie(request, reply);
          throw err;
        }
      },
    );

    app.post<{ Body: Static<typeof RefreshRequestSchema> }>(
      '/logout',
      { schema: { body: RefreshRequestSchema, response: answers({ 204: NoContent }) } },
      async (request, reply) => {
        await signIn.logout(refreshTokenOf(request, request.body.refreshToken), clientOf(request));
        clearRefreshCookie(request, reply);
        return reply.code(204).send();
      },
    );

    app.post('/logout-all', { schema: { response: answers({ 204: NoContent }) } }, async (request, reply) => {
      await signIn.logoutAll(await userOf(services, request), clientOf(request));
      clearRefreshCookie(request, reply);
      return reply.code(204).send();
    });

    app.get('/sessions', { schema: { response: answers({ 200: AuthSessionsResponseSchema }) } }, async (request) => {
      const sessions = await signIn.sessions(await userOf(services, request), cookieSessionId(request));
      return { sessions: sessions.map((s) => ({ id: s.id, createdAt: s.createdAt, lastUsedAt: s.lastUsedAt, userAgent: s.userAgent, ip: s.ip, current: s.current })) };
    });

    app.delete<{ Params: Static<typeof SessionParams> }>(
      '/sessions/:sessionId',
      { schema: { params: SessionParams, response: answers({ 204: NoContent }) } },
      async (request, reply) => {
        await signIn.revokeSession(await userOf(services, request), request.params.sessionId, clientOf(request));
        return reply.code(204).send();
      },
    );

    app.get('/me', { schema: { response: answers({ 200: AccountMeResponseSchema }) } }, async (request) => {
      const actor = await userOf(services, request);
      const account = await signIn.account(actor);
      return { user: toUser(actor.user), account: accountSummary(account, actor.user.role) };
    });

    app.post<{ Body: Static<typeof ChangePasswordRequestSchema> }>(
      '/password',
      { schema: { body: ChangePasswordRequestSchema, response: answers({ 204: NoContent }) } },
      async (request, reply) => {
        await signIn.changePassword(await userOf(services, request), request.body, clientOf(request), cookieSessionId(request));
        return reply.code(204).send();
      },
    );

    app.get('/setup', { schema: { response: answers({ 200: SetupStatusResponseSchema }) } }, async () => ({ needed: await setup.needed() }));

    app.post<{ Body: Static<typeof SetupRequestSchema> }>(
      '/setup',
      { schema: { body: SetupRequestSchema, response: answers({ 201: SignedInResponseSchema }) } },
      async (request, reply) => {
        const signedIn = await setup.complete(request.body, clientOf(request));
        return reply.code(201).send(signedInAnswer(request, reply, signedIn, 'cookie'));
      },
    );

    done();
  };
}
