import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import { ParleyError } from '@parley/protocol';
import type { Services } from '../../domain/index.js';
import { actorOf } from './auth.js';

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

/**
 * The messenger of seed 004 over REST (under `/v1`). Inputs are validated by the domain with the same
 * schemas as the WebSocket operations (packages/protocol/src/messenger.ts); path values win over body
 * fields of the same name. docs/rest.md lists the routes.
 */
export function messengerRoutes(services: Services): FastifyPluginCallback {
  const m = services.messenger;
  return (app, _opts, done) => {
    app.get('/features', async (request) => m.features(await actorOf(services, request)));

    app.get('/favourites', async (request) => m.favourites.list(await actorOf(services, request)));
    app.delete('/favourites', async (request) => m.favourites.clear(await actorOf(services, request)));
    app.put('/chats/:chatId/favourites/:messageId', async (request) => {
      const p = paramsOf(request);
      return m.favourites.set(await actorOf(services, request), { chatId: p.chatId, messageId: p.messageId, favourite: true });
    });
    app.delete('/chats/:chatId/favourites/:messageId', async (request) => {
      const p = paramsOf(request);
      return m.favourites.set(await actorOf(services, request), { chatId: p.chatId, messageId: p.messageId, favourite: false });
    });

    app.post('/chats/:chatId/clear', async (request) =>
      m.chatState.clear(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );
    app.post('/chats/:chatId/delete', async (request) =>
      m.chatState.delete(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );
    app.post('/chats/clear-all', async (request) => m.chatState.clearAll(await actorOf(services, request), bodyOf(request)));
    app.post('/chats/delete-all', async (request) => m.chatState.deleteAll(await actorOf(services, request), bodyOf(request)));
    app.put('/chats/:chatId/mute', async (request) =>
      m.chatState.mute(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );
    app.put('/chats/:chatId/archive', async (request) =>
      m.chatState.archive(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );
    app.get('/chats/archived', async (request) => ({ chats: await m.chatState.archived(await actorOf(services, request)) }));

    app.post('/chats/:chatId/messages/delete-for-me', async (request) =>
      m.deletion.forMe(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );
    app.post('/chats/:chatId/messages/delete-for-everyone', async (request) =>
      m.deletion.forEveryone(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    );

    app.post('/forward', async (request, reply) => reply.code(201).send(await m.forwarding.forward(await actorOf(services, request), bodyOf(request))));

    app.get('/messages/:messageId', async (request) => {
      const query = request.query as Record<string, string | undefined>;
      const input = { messageId: paramsOf(request).messageId, ...(query.chatKind !== undefined ? { chatKind: query.chatKind } : {}) };
      return { message: await m.message(await actorOf(services, request), input) };
    });
    app.get('/users/:userId/direct-chat', async (request) => m.directChat(await actorOf(services, request), { userId: paramsOf(request).userId }));

    app.get('/groups', async (request) => ({ groups: await m.groups.list(await actorOf(services, request)) }));
    app.post('/groups', async (request, reply) => reply.code(201).send({ group: await m.groups.create(await actorOf(services, request), bodyOf(request)) }));
    app.get('/groups/:chatId', async (request) => ({ group: await m.groups.get(await actorOf(services, request), { chatId: paramsOf(request).chatId }) }));
    app.patch('/groups/:chatId', async (request) => ({
      group: await m.groups.update(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    }));
    app.delete('/groups/:chatId', async (request, reply) => {
      await m.groups.delete(await actorOf(services, request), { chatId: paramsOf(request).chatId });
      return reply.code(204).send();
    });
    app.post('/groups/:chatId/members', async (request) => ({
      group: await m.groups.addMembers(await actorOf(services, request), { ...bodyOf(request), chatId: paramsOf(request).chatId }),
    }));
    app.delete('/groups/:chatId/members/:userId', async (request) => {
      const p = paramsOf(request);
      return { group: await m.groups.removeMember(await actorOf(services, request), { chatId: p.chatId, userId: p.userId }) };
    });
    app.put('/groups/:chatId/admins/:userId', async (request) => {
      const p = paramsOf(request);
      return { group: await m.groups.setAdmin(await actorOf(services, request), { chatId: p.chatId, userId: p.userId, admin: true }) };
    });
    app.delete('/groups/:chatId/admins/:userId', async (request) => {
      const p = paramsOf(request);
      return { group: await m.groups.setAdmin(await actorOf(services, request), { chatId: p.chatId, userId: p.userId, admin: false }) };
    });
    app.post('/groups/:chatId/leave', async (request, reply) => {
      await m.groups.leave(await actorOf(services, request), { chatId: paramsOf(request).chatId });
      return reply.code(204).send();
    });
    done();
  };
}
