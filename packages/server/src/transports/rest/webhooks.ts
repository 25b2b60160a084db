import type { FastifyPluginCallback } from 'fastify';
import Type, { type Static } from 'typebox';
import {
  CreateWebhookSchema,
  IdSchema,
  UpdateWebhookSchema,
  WebhookDeliveriesResponseSchema,
  WebhookDeliveryResponseSchema,
  WebhookEndpointResponseSchema,
  WebhookEndpointsResponseSchema,
  literalUnion,
} from '@parley/protocol';
import type { Services } from '../../domain/index.js';
import { adminOf, type CallerServices } from './auth.js';
import { NoContent, answers } from './responses.js';

const EndpointParams = Type.Object({ endpointId: IdSchema });
const DeliveryParams = Type.Object({ deliveryId: IdSchema });
const endpointAnswer = { schema: { params: EndpointParams, response: answers({ 200: WebhookEndpointResponseSchema }) } };
const DeliveryQuery = Type.Object(
  {
    endpointId: Type.Optional(IdSchema),
    status: Type.Optional(literalUnion(['pending', 'delivered', 'failed'] as const)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    before: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/** The facades the webhook admin routes use. */
export type WebhookRoutesServices = CallerServices & Pick<Services, 'webhooks'>;

/**
 * Webhook endpoints and their delivery log, for a tenant's admins (under `/v1/admin`; docs/webhooks.md):
 * register, list, read, change, rotate the secret, resume a paused one, delete; list deliveries,
 * read one with its attempts, replay one.
 */
export function webhookRoutes(services: WebhookRoutesServices): FastifyPluginCallback {
  const { endpoints, deliveries } = services.webhooks;
  return (app, _opts, done) => {
    app.post<{ Body: Static<typeof CreateWebhookSchema> }>('/webhooks', { schema: { body: CreateWebhookSchema, response: answers({ 201: WebhookEndpointResponseSchema }) } }, async (request, reply) => {
      const admin = await adminOf(services, request);
      return reply.code(201).send({ endpoint: await endpoints.create(admin, request.body) });
    });

    app.get('/webhooks', { schema: { response: answers({ 200: WebhookEndpointsResponseSchema }) } }, async (request) => ({ endpoints: await endpoints.list(await adminOf(services, request)) }));

    app.get<{ Params: Static<typeof EndpointParams> }>('/webhooks/:endpointId', endpointAnswer, async (request) => ({
      endpoint: await endpoints.get(await adminOf(services, request), request.params.endpointId),
    }));

    app.patch<{ Params: Static<typeof EndpointParams>; Body: Static<typeof UpdateWebhookSchema> }>(
      '/webhooks/:endpointId',
      { schema: { params: EndpointParams, body: UpdateWebhookSchema, response: answers({ 200: WebhookEndpointResponseSchema }) } },
      async (request) => ({ endpoint: await endpoints.update(await adminOf(services, request), request.params.endpointId, request.body) }),
    );

    app.delete<{ Params: Static<typeof EndpointParams> }>('/webhooks/:endpointId', { schema: { params: EndpointParams, response: answers({ 204: NoContent }) } }, async (request, reply) => {
      await endpoints.remove(await adminOf(services, request), request.params.endpointId);
      return reply.code(204).send();
    });

    app.post<{ Params: Static<typeof EndpointParams> }>('/webhooks/:endpointId/rotate-secret', endpointAnswer, async (request) => ({
      endpoint: await endpoints.rotateSecret(await adminOf(services, request), request.params.endpointId),
    }));

    app.post<{ Params: Static<typeof EndpointParams> }>('/webhooks/:endpointId/resume', endpointAnswer, async (request) => ({
      endpoint: await endpoints.resume(await adminOf(services, request), request.params.endpointId),
    }));

    app.get<{ Querystring: Static<typeof DeliveryQuery> }>('/webhook-deliveries', { schema: { querystring: DeliveryQuery, response: answers({ 200: WebhookDeliveriesResponseSchema }) } }, async (request) => ({
      deliveries: await deliveries.list(await adminOf(services, request), request.query),
    }));

    app.get<{ Params: Static<typeof DeliveryParams> }>('/webhook-deliveries/:deliveryId', { schema: { params: DeliveryParams, response: answers({ 200: WebhookDeliveryResponseSchema }) } }, async (request) => ({
      delivery: await deliveries.get(await adminOf(services, request), request.params.deliveryId),
    }));

    app.post<{ Params: Static<typeof DeliveryParams> }>(
      '/webhook-deliveries/:deliveryId/replay',
      { schema: { params: DeliveryParams, response: answers({ 202: WebhookDeliveryResponseSchema }) } },
      async (request, reply) => reply.code(202).send({ delivery: await deliveries.replay(await adminOf(services, request), request.params.deliveryId) }),
    );
    done();
  };
}
