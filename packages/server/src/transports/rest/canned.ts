import type { FastifyPluginCallback } from 'fastify';
import Type, { type Static } from 'typebox';
import { CannedResponseResponseSchema, CannedResponsesResponseSchema, CreateCannedSchema, IdSchema, UpdateCannedSchema } from '@parley/protocol';
import type { Services } from '../../domain/index.js';
import { actorOf, type CallerServices } from './auth.js';
import { toCannedResponse } from '../wire/canned.js';
import { NoContent, answers } from './responses.js';

const Params = Type.Object({ id: IdSchema });

/** The facades the canned-response routes use. */
export type CannedRoutesServices = CallerServices & Pick<Services, 'livechat'>;

/** `/v1/canned-responses`: agents' canned responses (docs/livechat.md#canned-responses). */
export function cannedRoutes(services: CannedRoutesServices): FastifyPluginCallback {
  const canned = services.livechat.canned;
  return (app, _opts, done) => {
    app.get('/canned-responses', { schema: { response: answers({ 200: CannedResponsesResponseSchema }) } }, async (request) => ({
      cannedResponses: (await canned.list(await actorOf(services, request))).map(toCannedResponse),
    }));
    app.post<{ Body: Static<typeof CreateCannedSchema> }>(
      '/canned-responses',
      { schema: { body: CreateCannedSchema, response: answers({ 201: CannedResponseResponseSchema }) } },
      async (request, reply) => reply.code(201).send({ cannedResponse: toCannedResponse(await canned.create(await actorOf(services, request), request.body)) }),
    );
    app.patch<{ Params: Static<typeof Params>; Body: Static<typeof UpdateCannedSchema> }>(
      '/canned-responses/:id',
      { schema: { params: Params, body: UpdateCannedSchema, response: answers({ 200: CannedResponseResponseSchema }) } },
      async (request) => ({ cannedResponse: toCannedResponse(await canned.update(await actorOf(services, request), request.params.id, request.body)) }),
    );
    app.delete<{ Params: Static<typeof Params> }>('/canned-responses/:id', { schema: { params: Params, response: answers({ 204: NoContent }) } }, async (request, reply) => {
      await canned.remove(await actorOf(services, request), request.params.id);
      return reply.code(204).send();
    });
    done();
  };
}
