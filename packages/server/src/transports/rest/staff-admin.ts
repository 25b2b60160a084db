import type { FastifyPluginCallback } from 'fastify';
import Type, { type Static } from 'typebox';
import {
  AuditQuerySchema,
  AuditResponseSchema,
  CreateInvitationSchema,
  CreatedInvitationResponseSchema,
  IdSchema,
  InvitationsResponseSchema,
  StaffAccountResponseSchema,
  StaffAccountsResponseSchema,
  UpdateAccountSchema,
} from '@parley/protocol';
import type { Services } from '../../domain/index.js';
import { adminOf, type CallerServices } from './auth.js';
import { clientOf } from './sign-in.js';
import { NoContent, answers } from './responses.js';

const InvitationParams = Type.Object({ invitationId: IdSchema });
const AccountParams = Type.Object({ userId: IdSchema });
const accountAnswer = { schema: { params: AccountParams, response: answers({ 200: StaffAccountResponseSchema }) } };

/** The facades the staff accounts admin routes use. */
export type StaffAdminRoutesServices = CallerServices & Pick<Services, 'accounts'>;

/**
 * Staff administration under `/v1/admin` (docs/accounts.md): invitations, the accounts list and its
 * changes, deactivation, the audit log. An admin key or an owner's or admin's access token; who may
 * touch which account is the domain's to decide (authz/staff.ts).
 */
export function staffAdminRoutes(services: StaffAdminRoutesServices): FastifyPluginCallback {
  const { invitations, staff } = services.accounts;
  return (app, _opts, done) => {
    app.post<{ Body: Static<typeof CreateInvitationSchema> }>(
      '/invitations',
      { schema: { body: CreateInvitationSchema, response: answers({ 201: CreatedInvitationResponseSchema }) } },
      async (request, reply) => reply.code(201).send(await invitations.invite(await adminOf(services, request), request.body, clientOf(request))),
    );

    app.get('/invitations', { schema: { response: answers({ 200: InvitationsResponseSchema }) } }, async (request) => ({
      invitations: await invitations.list(await adminOf(services, request)),
    }));

    app.delete<{ Params: Static<typeof InvitationParams> }>(
      '/invitations/:invitationId',
      { schema: { params: InvitationParams, response: answers({ 204: NoContent }) } },
      async (request, reply) => {
        await invitations.withdraw(await adminOf(services, request), request.params.invitationId, clientOf(request));
        return reply.code(204).send();
      },
    );

    app.get('/accounts', { schema: { response: answers({ 200: StaffAccountsResponseSchema }) } }, async (request) => ({
      accounts: await staff.list(await adminOf(services, request)),
    }));

    app.patch<{ Params: Static<typeof AccountParams>; Body: Static<typeof UpdateAccountSchema> }>(
      '/accounts/:userId',
      { schema: { params: AccountParams, body: UpdateAccountSchema, response: answers({ 200: StaffAccountResponseSchema }) } },
      async (request) => ({ account: await staff.update(await adminOf(services, request), request.params.userId, request.body, clientOf(request)) }),
    );

    app.post<{ Params: Static<typeof AccountParams> }>('/accounts/:userId/deactivate', accountAnswer, async (request) => ({
      account: await staff.deactivate(await adminOf(services, request), request.params.userId, clientOf(request)),
    }));

    app.post<{ Params: Static<typeof AccountParams> }>('/accounts/:userId/reactivate', accountAnswer, async (request) => ({
      account: await staff.reactivate(await adminOf(services, request), request.params.userId, clientOf(request)),
    }));

    app.get<{ Querystring: Static<typeof AuditQuerySchema> }>(
      '/audit',
      { schema: { querystring: AuditQuerySchema, response: answers({ 200: AuditResponseSchema }) } },
      async (request) => staff.auditLog(await adminOf(services, request), request.query),
    );

    done();
  };
}
