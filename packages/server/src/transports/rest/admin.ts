import type { FastifyPluginCallback } from 'fastify';
import Type from 'typebox';
import {
  ApiKeyResponseSchema,
  ApiKeysResponseSchema,
  ChatResponseSchema,
  ChatWithMembersResponseSchema,
  CreateChatSchema,
  CreateTenantSchema,
  CreatedTenantResponseSchema,
  CreateUserSchema,
  DomainSchema,
  IdSchema,
  TenantResponseSchema,
  TokenResponseSchema,
  UpdateTenantSchema,
  UserResponseSchema,
} from '@parley/protocol';
import type { Static } from 'typebox';
import type { Services } from '../../domain/index.js';
import { checkOperator, toTenantView } from '../../domain/tenants/index.js';
import { requireActAs } from '../../authz/index.js';
import { adminOf, type CallerServices } from './auth.js';
import { toUser } from '../wire/user.js';
import { exportRoutes, type ExportRoutesServices } from './export.js';
import { NoContent, answers } from './responses.js';

const UserParams = Type.Object({ userId: IdSchema });
const ChatParams = Type.Object({ chatId: IdSchema });
const TokenBody = Type.Object({ ttlSeconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 7 * 24 * 3600 })) }, { additionalProperties: false });
const TenantParams = Type.Object({ domain: DomainSchema });
const ApiKeyParams = Type.Object({ keyId: IdSchema });
const ApiKeyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

/** The facades the tenant administration routes use (the export route among them). */
export type AdminRoutesServices = CallerServices & ExportRoutesServices & Pick<Services, 'tenants' | 'users' | 'chats'>;

/** The admin REST API: tenants, users, tokens, keys and chats, behind an admin API key. */
export function adminRoutes(services: AdminRoutesServices): FastifyPluginCallback {
  return (app, _opts, done) => {
    app.post<{ Body: Static<typeof CreateTenantSchema> }>(
      '/tenants',
      { schema: { body: CreateTenantSchema, response: answers({ 201: CreatedTenantResponseSchema }) } },
      async (request, reply) => {
        checkOperator(await adminOf(services, request));
        const tenant = await services.tenants.create(request.body);
        const { key } = await services.tenants.createApiKey(tenant.id, 'bootstrap');
        return reply.code(201).send({ tenant: toTenantView(tenant), adminKey: key });
      },
    );

    app.get<{ Params: Static<typeof TenantParams> }>(
      '/tenants/:domain',
      { schema: { params: TenantParams, response: answers({ 200: TenantResponseSchema }) } },
      async (request) => ({ tenant: toTenantView(await services.tenants.view(await adminOf(services, request), request.params.domain)) }),
    );

    app.patch<{ Params: Static<typeof TenantParams>; Body: Static<typeof UpdateTenantSchema> }>(
      '/tenants/:domain',
      { schema: { params: TenantParams, body: UpdateTenantSchema, response: answers({ 200: TenantResponseSchema }) } },
      async (request) => ({ tenant: toTenantView(await services.tenants.update(await adminOf(services, request), request.params.domain, request.body)) }),
    );

    app.post<{ Body: Static<typeof ApiKeyBody> }>('/api-keys', { schema: { body: ApiKeyBody, response: answers({ 201: ApiKeyResponseSchema }) } }, async (request, reply) => {
      const admin = await adminOf(services, request);
      const created = await services.tenants.createApiKey(admin.tenant.id, request.body.name);
      return reply.code(201).send(created);
    });

    app.get('/api-keys', { schema: { response: answers({ 200: ApiKeysResponseSchema }) } }, async (request) => ({
      keys: await services.tenants.apiKeys((await adminOf(services, request)).tenant.id),
    }));

    app.delete<{ Params: Static<typeof ApiKeyParams> }>('/api-keys/:keyId', { schema: { params: ApiKeyParams, response: answers({ 204: NoContent }) } }, async (request, reply) => {
      const admin = await adminOf(services, request);
      await services.tenants.revokeApiKey(admin.tenant.id, request.params.keyId);
      return reply.code(204).send();
    });

    app.post<{ Body: Static<typeof CreateUserSchema> }>('/users', { schema: { body: CreateUserSchema, response: answers({ 201: UserResponseSchema }) } }, async (request, reply) => {
      const admin = await adminOf(services, request);
      const user = await services.users.create(admin.tenant, request.body);
      return reply.code(201).send({ user: toUser(user) });
    });

    app.get<{ Params: Static<typeof UserParams> }>('/users/:userId', { schema: { params: UserParams, response: answers({ 200: UserResponseSchema }) } }, async (request) => {
      const admin = await adminOf(services, request);
      return { user: toUser(await services.users.get(admin.tenant.id, request.params.userId)) };
    });

    app.post<{ Params: Static<typeof UserParams>; Body: Static<typeof TokenBody> }>(
      '/users/:userId/tokens',
      { schema: { params: UserParams, body: TokenBody, response: answers({ 201: TokenResponseSchema }) } },
      async (request, reply) => {
        const admin = await adminOf(services, request);
        const user = await services.users.get(admin.tenant.id, request.params.userId);
        requireActAs(admin, user);
        return reply.code(201).send(await services.users.issueToken(user, request.body.ttlSeconds));
      },
    );

    app.post<{ Params: Static<typeof UserParams> }>('/users/:userId/revoke', { schema: { params: UserParams, response: answers({ 204: NoContent }) } }, async (request, reply) => {
      const admin = await adminOf(services, request);
      requireActAs(admin, await services.users.get(admin.tenant.id, request.params.userId));
      await services.users.revokeTokens(admin.tenant.id, request.params.userId);
      return reply.code(204).send();
    });

    app.post<{ Body: Static<typeof CreateChatSchema> }>('/chats', { schema: { body: CreateChatSchema, response: answers({ 201: ChatResponseSchema }) } }, async (request, reply) => {
      const admin = await adminOf(services, request);
      return reply.code(201).send({ chat: await services.chats.create(admin, request.body) });
    });

    app.get<{ Params: Static<typeof ChatParams> }>('/chats/:chatId', { schema: { params: ChatParams, response: answers({ 200: ChatWithMembersResponseSchema }) } }, async (request) => {
      const admin = await adminOf(services, request);
      const chat = await services.chats.get(admin, request.params.chatId);
      return { chat, members: await services.chats.members(admin, chat.id) };
    });

    exportRoutes(services)(app);
    done();
  };
}
