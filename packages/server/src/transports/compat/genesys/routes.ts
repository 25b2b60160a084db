import type { FastifyPluginCallback, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import {
  CUSTOMER_OPERATIONS,
  CustomerChatParamsSchema,
  CustomerErrorResponseSchema,
  CustomerHeadersSchema,
  CustomerOperationResponseSchema,
  CustomerRequestBodySchema,
  CustomerRequestQuerySchema,
  GetMessagesResponseSchema,
  LIMITS,
  ParleyError,
  RETRIABLE_CODES,
  RequestChatResponseSchema,
  isParleyError,
  type CustomerErrorResponse,
  type CustomerOperationName,
  type CustomerOperationResponse,
  type GetMessagesResponse,
  type RequestChatResponse,
} from '@parley/protocol';
import type { TSchema } from 'typebox';
import type { Services } from '../../../domain/index.js';
import type { CustomerChat } from '../../../domain/livechat/index.js';
import type { TenantRow } from '../../../store/index.js';
import { toParleyError } from '../../rest/errors.js';
import { chatOf, toEntries } from './wire.js';

type Params = Record<string, unknown>;
type Operation = CustomerOperationName;
const OPERATIONS = CUSTOMER_OPERATIONS;

/** A route's schemas: the fields it reads, what it answers, and the failure answer. */
function schemaOf(answer: TSchema, params = false): FastifySchema {
  return {
    headers: CustomerHeadersSchema,
    querystring: CustomerRequestQuerySchema,
    ...(params ? { params: CustomerChatParamsSchema } : {}),
    response: { 200: answer, '4xx': CustomerErrorResponseSchema, '5xx': CustomerErrorResponseSchema },
  };
}

/** Form bodies (`application/x-www-form-urlencoded`), as Genesys clients often send, become flat objects. */
export function parseForm(_request: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void): void {
  done(null, Object.fromEntries(new URLSearchParams(body)));
}

/** A parameter from the body, then the query string, then (for the secure key) a header. */
function param(request: FastifyRequest, name: string): unknown {
  const body = request.body;
  if (body !== null && typeof body === 'object' && name in body) return (body as Params)[name];
  const query = request.query as Params;
  return query[name];
}

export function text(request: FastifyRequest, name: string, max: number, required = false): string | undefined {
  const value = param(request, name);
  if (value === undefined || value === '') {
    if (required) throw new ParleyError('E_VALIDATION', `${name} is required`, { path: `/${name}` });
    return undefined;
  }
  if (typeof value !== 'string' || value.length > max) throw new ParleyError('E_VALIDATION', `${name} must be a string of at most ${max} characters`, { path: `/${name}` });
  return value;
}

export function indexOf(request: FastifyRequest): number | undefined {
  const value = param(request, 'index');
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ParleyError('E_VALIDATION', 'index must be a whole number from 0', { path: '/index' });
  return n;
}

export function secureKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers.securekey ?? request.headers['x-secure-key'];
  if (typeof header === 'string' && header) return header;
  const value = param(request, 'secureKey');
  return typeof value === 'string' ? value : undefined;
}

export function operationOf(request: FastifyRequest, fallback: Operation): Operation {
  const value = param(request, 'operationName');
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !(OPERATIONS as readonly string[]).includes(value)) {
    throw new ParleyError('E_VALIDATION', `Unknown operationName ${typeof value === 'string' ? value : typeof value}; known: ${OPERATIONS.join(', ')}`, { path: '/operationName' });
  }
  return value as Operation;
}

/** The facades the customer chat API uses (it reads no Authorization header, so no `auth`). */
export type GenesysRoutesServices = Pick<Services, 'customerChats'>;

/**
 * Seed 003's customer chat API (Genesys Web Services family). The `ContactCenterId` header names the
 * tenant; no Authorization header is read. RequestChat answers the chat `id` and a `secureKey`; every
 * other operation names both (header `SecureKey`, or `secureKey` in the body or query). Answers carry
 * `statusCode` 0 / 1 (retry) / 2 (over or refused); errors add `errors: [{code, message}]`.
 */
export function genesysRoutes(services: GenesysRoutesServices): FastifyPluginCallback {
  const customers = services.customerChats;
  return (app, _opts, done) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, parseForm);
    app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
      const parley = toParleyError(err);
      if (!isParleyError(err) && parley.code === 'E_INTERNAL') request.log.error({ err }, 'customer chat API failed');
      if (parley.retryAfter !== undefined) void reply.header('retry-after', String(parley.retryAfter));
      const body: CustomerErrorResponse = { statusCode: RETRIABLE_CODES.has(parley.code) ? 1 : 2, message: parley.message, errors: [parley.toBody()] };
      return reply.code(parley.status).send(body);
    });

    const tenantOf = (request: FastifyRequest): Promise<TenantRow> => {
      const header = request.headers.contactcenterid;
      return customers.tenantOf(typeof header === 'string' ? header : undefined);
    };

    const open = async (request: FastifyRequest<{ Params: { id: string } }>): Promise<CustomerChat> =>
      customers.open(await tenantOf(request), request.params.id, secureKeyOf(request));

    const getChat = async (cc: CustomerChat): Promise<CustomerOperationResponse> => ({ chat: chatOf(cc, await customers.participants(cc)), statusCode: 0 });

    const getMessages = async (cc: CustomerChat, request: FastifyRequest): Promise<GetMessagesResponse> => {
      customers.check(cc, 'GetMessages');
      const result = await customers.messages(cc, indexOf(request));
      return { messages: toEntries(result), statusCode: 0 };
    };

    app.post('/chats', { schema: { ...schemaOf(RequestChatResponseSchema), body: CustomerRequestBodySchema } }, async (request): Promise<RequestChatResponse> => {
      const operation = operationOf(request, 'RequestChat');
      if (operation !== 'RequestChat') throw new ParleyError('E_VALIDATION', `${operation} needs a chat id: POST /api/v2/chats/{id}`, { path: '/operationName' });
      const tenant = await tenantOf(request);
      const created = await customers.request(tenant, {
        nickname: text(request, 'nickname', LIMITS.nickname, true) ?? '',
        subject: text(request, 'subject', LIMITS.title),
        email: text(request, 'emailAddress', 254) ?? text(request, 'email', 254),
        userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : '',
        firstUri: text(request, 'endpoint', 2000),
        ip: request.ip,
      });
      return {
        id: created.chatId,
        path: `/api/v2/chats/${created.chatId}`,
        secureKey: created.secureKey,
        alias: created.alias,
        userId: created.userId,
        statusCode: 0,
      };
    });

    const byOperation = async (request: FastifyRequest<{ Params: { id: string } }>, fallback: Operation): Promise<CustomerOperationResponse> => {
      const operation = operationOf(request, fallback);
      const cc = await open(request);
      switch (operation) {
        case 'GetChat':
          customers.check(cc, 'GetChat');
          return getChat(cc);
        case 'GetMessages':
          return getMessages(cc, request);
        case 'SendMessage': {
          const message = text(request, 'message', LIMITS.textLength) ?? text(request, 'text', LIMITS.textLength, true) ?? '';
          const sent = await customers.send(cc, message, request.ip);
          return { statusCode: 0, index: sent.seq };
        }
        case 'SendStartTypingNotification':
        case 'SendStopTypingNotification':
          await customers.typing(cc, operation === 'SendStartTypingNotification');
          return { statusCode: 0 };
        case 'Complete':
          await customers.complete(cc);
          return { statusCode: 0 };
        case 'RequestChat':
          throw new ParleyError('E_VALIDATION', 'RequestChat goes to POST /api/v2/chats', { path: '/operationName' });
      }
    };

    const operations = schemaOf(CustomerOperationResponseSchema, true);
    const messages = schemaOf(GetMessagesResponseSchema, true);
    app.get<{ Params: { id: string } }>('/chats/:id', { schema: operations }, (request) => byOperation(request, 'GetChat'));
    app.post<{ Params: { id: string } }>('/chats/:id', { schema: { ...operations, body: CustomerRequestBodySchema } }, (request) => byOperation(request, 'GetMessages'));
    app.get<{ Params: { id: string } }>('/chats/:id/messages', { schema: messages }, async (request) => getMessages(await open(request), request));
    app.post<{ Params: { id: string } }>('/chats/:id/messages', { schema: { ...messages, body: CustomerRequestBodySchema } }, async (request) => getMessages(await open(request), request));
    done();
  };
}
