import type { FastifyPluginCallback } from 'fastify';
import Type, { type Static } from 'typebox';
import {
  AcceptInvitationSchema,
  ForgotPasswordResponseSchema,
  ForgotPasswordSchema,
  LinkInfoResponseSchema,
  LinkTokenSchema,
  ResetPasswordSchema,
  SignedInResponseSchema,
} from '@parley/protocol';
import type { Services } from '../../domain/index.js';
import { clientOf, signedInAnswer } from './sign-in.js';
import { NoContent, answers } from './responses.js';

const LinkParams = Type.Object({ token: LinkTokenSchema });

/** The facades the invitation and reset links use. */
export type AccountLinkRoutesServices = Pick<Services, 'accounts'>;

/**
 * The pages people reach from a link, under `/v1/auth` (docs/accounts.md): what a link is for, accepting
 * an invitation (signs in like login, with the refresh cookie), asking for a reset link, resetting.
 * No credentials: the link's secret is the credential, and "forgot" answers the same for every email.
 */
export function accountLinkRoutes(services: AccountLinkRoutesServices): FastifyPluginCallback {
  const { invitations, resets } = services.accounts;
  return (app, _opts, done) => {
    app.get<{ Params: Static<typeof LinkParams> }>('/links/:token', { schema: { params: LinkParams, response: answers({ 200: LinkInfoResponseSchema }) } }, async (request) =>
      invitations.describe(request.params.token),
    );

    app.post<{ Body: Static<typeof AcceptInvitationSchema> }>(
      '/accept',
      { schema: { body: AcceptInvitationSchema, response: answers({ 201: SignedInResponseSchema }) } },
      async (request, reply) => {
        const signedIn = await invitations.accept(request.body, clientOf(request));
        return reply.code(201).send(signedInAnswer(request, reply, signedIn, 'cookie'));
      },
    );

    app.post<{ Body: Static<typeof ForgotPasswordSchema> }>('/forgot', { schema: { body: ForgotPasswordSchema, response: answers({ 202: ForgotPasswordResponseSchema }) } }, async (request, reply) => {
      resets.request(request.body.email, clientOf(request));
      return reply.code(202).send({});
    });

    app.post<{ Body: Static<typeof ResetPasswordSchema> }>('/reset', { schema: { body: ResetPasswordSchema, response: answers({ 204: NoContent }) } }, async (request, reply) => {
      await resets.reset(request.body, clientOf(request));
      return reply.code(204).send();
    });

    done();
  };
}
