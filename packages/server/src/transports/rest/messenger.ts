import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import {
  AllChatsSchema,
  ArchiveChatSchema,
  ArchivedResponseSchema,
  ClearChatSchema,
  CreateGroupSchema,
  DeleteChatSchema,
  DeleteMessagesSchema,
  ForwardSchema,
  GroupMembersSchema,
  MuteChatSchema,
  UpdateGroupSchema,
  ChatCountResponseSchema,
  ChatListResponseSchema,
  ClearedResponseSchema,
  DirectChatResponseSchema,
  FavouriteResponseSchema,
  FavouritesResponseSchema,
  FeatureListSchema,
  GetMessageSchema,
  GroupResponseSchema,
  GroupsResponseSchema,
  IdSchema,
  MessageIdsResponseSchema,
  MessageResponseSchema,
  MessagesResponseSchema,
  MutedResponseSchema,
  ParleyError,
  RemovedResponseSchema,
} from '@parley/protocol';
import Type, { type TObject, type TSchema } from 'typebox';
import type { Services } from '../../domain/index.js';
import { actorOf, type CallerServices } from './auth.js';
import { NoContent, answers } from './responses.js';

type Params = Record<string, string>;

/** The JSON body as an object (absent: `{}`); anything else is E_VALIDATION. */
function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new ParleyError('E_VALIDATION', 'The body must be a JSON object', { path: '/' });
  return body as Record<string, unknown>;
}

function paramsOf(request: FastifyRequest): Params {
  return request.params as Params;
}

const Chat = Type.Object({ chatId: IdSchema });
const ChatMessage = Type.Object({ chatId: IdSchema, messageId: IdSchema });
const ChatUser = Type.Object({ chatId: IdSchema, userId: IdSchema });
const User = Type.Object({ userId: IdSchema });
const Message = Type.Object({ messageId: IdSchema });
const MessageQuery = Type.Object({ chatKind: Type.Optional(GetMessageSchema.properties.chatKind) });

/**
 * A domain input schema as a request body: the fields the path carries may be left out (the path's
 * value wins over the body's).
 */
function bodyFor(input: TObject, pathFields: readonly string[] = []): TObject {
  const properties: Record<string, TSchema> = { ...input.properties };
  for (const field of pathFields) if (properties[field]) properties[field] = Type.Optional(properties[field]);
  return Type.Object(properties, { additionalProperties: false });
}

/**
 * A route's schemas: its path parameters, its request body, its success body by status and the error
 * body. The domain validates the whole input again, with the path's values, as it does for the
 * WebSocket operations.
 */
const gives = (status: number, schema: TSchema, params?: TObject, body?: TObject) => ({
  schema: { ...(params ? { params } : {}), ...(body ? { body: bodyFor(body, Object.keys(params?.properties ?? {})) } : {}), response: answers({ [status]: schema }) },
});
const ok = (schema: TSchema, params?: TObject, body?: TObject) => gives(200, schema, params, body);

/** The facades the messenger routes use. */
export type MessengerRoutesServices = CallerServices & Pick<Services, 'messenger'>;

/**
 * The messenger of seed 004 over REST (under `/v1`). Inputs are validated by the domain with the same
 * schemas as the WebSocket operations (packages/protocol/src/messenger.ts); path values win over body
 * fields of the same name. docs/rest.md lists the routes.
 */
export function messengerRoutes(services: MessengerRoutesServices): FastifyPluginCallback {
  const m = services.messenger;
  return (app, _opts, done) => {
    // A route whose body is all optional may be called without one: it reads as `{}`.
    app.addHook('preValidation', (request, _reply, next) => {
      request.body ??= {};
      next();
    });
    app.get('/features', ok(FeatureListSchema), async (request) => m.features(await actorOf(services, request)));

    app.get('/favourites', ok(FavouritesResponseSchema), async (request) => m.favourites.list(await actorOf(services, request)));
    app.delete('/favourites', ok(RemovedResponseSchema), async (request) => m.favourites.clear(await actorOf(services, request)));
    app.put('/chats/:chatId/favourites/:messageId', ok(FavouriteResponseSchema, ChatMessage), async (request) => {
      const p = paramsOf(request);
      return m.favourites.set(await actorOf(services, request), { chatId: p.chatId, messageId: p.messageId, favourite: true });
    });
    app.delete('/chats/:chatId/favourites/:messageId', ok(FavouriteResponseSchema, ChatMessage), async (request) => {
      const p = paramsOf(request);
      return m.favourites.set(await actorOf(services, request), { chatId: p.chatId, messageId: p.messageId, favourite: false });
    });

    app.post('/chats/:chatId/clear', ok(ClearedResponseSchema, Chat, ClearChatSchema), async (request) =>
      m.chatState.clear(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );
    app.post('/chats/:chatId/delete', ok(ClearedResponseSchema, Chat, DeleteChatSchema), async (request) =>
      m.chatState.delete(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );
    app.post('/chats/clear-all', ok(ChatCountResponseSchema, undefined, AllChatsSchema), async (request) => m.chatState.clearAll(await actorOf(services, request), bodyOf(request)));
    app.post('/chats/delete-all', ok(ChatCountResponseSchema, undefined, AllChatsSchema), async (request) => m.chatState.deleteAll(await actorOf(services, request), bodyOf(request)));
    app.put('/chats/:chatId/mute', ok(MutedResponseSchema, Chat, MuteChatSchema), async (request) =>
      m.chatState.mute(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );
    app.put('/chats/:chatId/archive', ok(ArchivedResponseSchema, Chat, ArchiveChatSchema), async (request) =>
      m.chatState.archive(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );
    app.get('/chats/archived', ok(ChatListResponseSchema), async (request) => ({ chats: await m.chatState.archived(await actorOf(services, request)) }));

    app.post('/chats/:chatId/messages/delete-for-me', ok(MessageIdsResponseSchema, Chat, DeleteMessagesSchema), async (request) =>
      m.deletion.forMe(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );
    app.post('/chats/:chatId/messages/delete-for-everyone', ok(MessagesResponseSchema, Chat, DeleteMessagesSchema), async (request) =>
      m.deletion.forEveryone(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );

    app.post('/forward', gives(201, MessagesResponseSchema, undefined, ForwardSchema), async (request, reply) => reply.code(201).send(await m.forwarding.forward(await actorOf(services, request), bodyOf(request))));

    app.get('/messages/:messageId', { schema: { params: Message, querystring: MessageQuery, response: answers({ 200: MessageResponseSchema }) } }, async (request) => {
      const query = request.query as Record<string, string | undefined>;
      const input = { messageId: paramsOf(request).messageId, ...(query.chatKind !== undefined ? { chatKind: query.chatKind } : {}) };
      return { message: await m.message(await actorOf(services, request), input) };
    });
    app.get('/users/:userId/direct-chat', ok(DirectChatResponseSchema, User), async (request) => m.directChat(await actorOf(services, request), { userId: paramsOf(request).userId }));

    app.get('/groups', ok(GroupsResponseSchema), async (request) => ({ groups: await m.groups.list(await actorOf(services, request)) }));
    app.post('/groups', gives(201, GroupResponseSchema, undefined, CreateGroupSchema), async (request, reply) => reply.code(201).send({ group: await m.groups.create(await actorOf(services, request), bodyOf(request)) }));
    app.get('/groups/:chatId', ok(GroupResponseSchema, Chat), async (request) => ({ group: await m.groups.get(await actorOf(services, request), { chatId: paramsOf(request).chatId }) }));
    app.patch('/groups/:chatId', ok(GroupResponseSchema, Chat, UpdateGroupSchema), async (request) => ({
      group: await m.groups.update(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    }));
    app.delete('/groups/:chatId', gives(204, NoContent, Chat), async (request, reply) => {
      await m.groups.delete(await actorOf(services, request), { chatId: paramsOf(request).chatId });
      return reply.code(204).send();
    });
    app.post('/groups/:chatId/members', ok(GroupResponseSchema, Chat, GroupMembersSchema), async (request) => ({
      group: await m.groups.addMembers(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    }));
    app.delete('/groups/:chatId/members/:userId', ok(GroupResponseSchema, ChatUser), async (request) => {
      const p = paramsOf(request);
      return { group: await m.groups.removeMember(await actorOf(services, request), { chatId: p.chatId, userId: p.userId }) };
    });
    app.put('/groups/:chatId/admins/:userId', ok(GroupResponseSchema, ChatUser), async (request) => {
      const p = paramsOf(request);
      return { group: await m.groups.setAdmin(await actorOf(services, request), { chatId: p.chatId, userId: p.userId, admin: true }) };
    });
    app.delete('/groups/:chatId/admins/:userId', ok(GroupResponseSchema, ChatUser), async (request) => {
      const p = paramsOf(request);
      return { group: await m.groups.setAdmin(await actorOf(services, request), { chatId: p.chatId, userId: p.userId, admin: false }) };
    });
    app.post('/groups/:chatId/leave', gives(204, NoContent, Chat), async (request, reply) => {
      await m.groups.leave(await actorOf(services, request), { chatId: paramsOf(request).chatId });
      return reply.code(204).send();
    });
    done();
  };
}
