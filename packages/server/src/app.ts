import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import websocket from '@fastify/websocket';
import { publicUrlOf, type Config } from './config/index.js';
import { createStore, type Store, type TenantRow } from './store/index.js';
import { createBus, RedisBus, type Bus } from './bus/index.js';
import { EventDispatcher } from './events/dispatcher.js';
import { Authenticator, TokenService, randomSecret } from './auth/index.js';
import { TenantService } from './domain/tenants/index.js';
import { UserService } from './domain/users/index.js';
import { UserDirectory } from './domain/users/directory.js';
import { ChatAccess, ChatService } from './domain/chats/index.js';
import { MessageReader, MessageService } from './domain/messages/index.js';
import { FirstSeen } from './domain/messages/first-seen.js';
import { CommitQueue } from './domain/commit-queue.js';
import { ReceiptService } from './domain/receipts/index.js';
import { TypingService } from './domain/typing/index.js';
import { MESSAGE_RULES, MessageRules } from './domain/messages/rules/index.js';
import { MediaService, mediaRule } from './domain/media/index.js';
import { MessengerService } from './domain/messenger/index.js';
import { createLivechat, MemoryRateLimiter, visitorSendLimitRule, type LivechatSweeper } from './domain/livechat/index.js';
import { WebhookService } from './domain/webhooks/index.js';
import { fanoutOf } from './domain/fanout/index.js';
import { ImportService } from './domain/imports/index.js';
import { createAccountAdmin, createAccounts, MemoryFailureCounter } from './domain/accounts/index.js';
import { MailOutbox, createMailer } from './infra/mail/index.js';
import { listenToEvents } from './events/listeners/index.js';
import { createBlobStore } from './blobs/index.js';
import type { Services } from './domain/index.js';
import { Gateway, selectSubprotocol } from './transports/ws/gateway.js';
import { socketErrorHandler } from './transports/ws/socket-errors.js';
import { registerHealth } from './transports/rest/health.js';
import { registerRoutes } from './transports/http.js';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandling } from './transports/rest/errors.js';
import { registerValidation } from './transports/rest/validation.js';
import { registerJsonBody } from './transports/rest/json-body.js';
import { registerRateLimits } from './transports/rest/rate-limits.js';
import { registerCors } from './transports/rest/cors.js';
import { registerWeb } from './transports/web/index.js';
import { registerOpenApi } from './transports/openapi/index.js';
import { ParleyMetrics, gatewayObserver, instrumentStore, registerHttpMetrics, registerMetricsRoute } from './metrics/index.js';
import { loggerOptions, registerRequestLog, requestId } from './logging/index.js';

export interface BuildOptions {
  /** An already open store (tests); otherwise one is opened from the configuration. */
  store?: Store;
  bus?: Bus;
  /** Where log lines go (tests capture them); default stdout. */
  logStream?: DestinationStream;
}

/** What a node is built on: kept by the node for its shutdown (and for tests), never handed to a transport. */
export interface NodeInternals {
  store: Store;
  bus: Bus;
  writer: CommitQueue;
  /** Committed events of this node, as its listeners (webhooks, live-chat follow-ups) receive them. */
  events: EventDispatcher;
  /** Periodic routing and absent-agent re-queueing, started and stopped with the node. */
  livechatSweeper: LivechatSweeper;
}

export interface ParleyServer {
  app: FastifyInstance;
  services: Services;
  internals: NodeInternals;
  gateway: Gateway;
  config: Config;
  /** The DEFAULT tenant, and the secrets generated for it at this start (to print once). */
  bootstrap: { tenant: TenantRow; generatedAdminKey?: string; generatedContactCenterId?: boolean; ownerCreated?: boolean };
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  /** Graceful stop: no new connections, sockets told to go elsewhere, queued commits finished. */
  close(): Promise<void>;
}

/** Builds a Parley node from its configuration, not yet listening. */
export async function buildServer(config: Config, opts: BuildOptions = {}): Promise<ParleyServer> {
  const metrics: ParleyMetrics = new ParleyMetrics({
    connections: (): number => gateway.connectionCount,
    writerQueueLength: (): number => writer.pending,
  });
  const store = instrumentStore(opts.store ?? (await createStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, timeoutMs: config.databaseTimeoutMs })), metrics);
  // The bus starts before the logger exists; its link reports go to the logger once there is one.
  let busLog = (message: string, err?: unknown): void => console.error(err === undefined ? message : `${message}: ${err instanceof Error ? err.message : 'error'}`);
  const bus =
    opts.bus ??
    (await createBus({
      redisUrl: config.redisUrl,
      redisPrefix: config.redisPrefix,
      presenceTtlMs: config.presenceTtlMs,
      log: (message, err) => busLog(message, err),
    }));
  const tokenSecret = config.tokenSecret ?? (await store.getOrCreateSetting('token_secret', () => randomSecret(32)));
  const epoch = await store.getOrCreateSetting('epoch', () => randomUUID());

  const events = new EventDispatcher(bus);
  const tokens = new TokenService(tokenSecret, config.tokenTtlSeconds);
  const directory = new UserDirectory(store);
  const access = new ChatAccess(store);
  const reader = new MessageReader(directory, new FirstSeen(store));
  // Sends and receipts share one group commit.
  const writer = new CommitQueue(store, config.writer);
  // Access caches follow what the bus reports, so a change on any node reaches this one's caches.
  bus.subscribe((m) => access.observe(m));
  const media = new MediaService(store, createBlobStore({ dataDir: config.dataDir }), access, reader, events, tokenSecret, {}, {
    error: (obj, msg) => app.log.error(obj, msg),
  });
  const chats = new ChatService(store, access, events, reader);
  // Counted in Redis when the cluster has one, so a limit holds across nodes; per node otherwise.
  const limiter = bus instanceof RedisBus ? bus.rateLimiter(new MemoryRateLimiter()) : new MemoryRateLimiter();
  const users = new UserService(store, tokens, events);
  const messages = new MessageService(store, access, writer, reader, events, new MessageRules([...MESSAGE_RULES, mediaRule(media), visitorSendLimitRule(limiter, config.livechat)]));
  const { livechatSweeper, ...livechat } = createLivechat({ store, bus, events, tokens, access, chats, messages, writer, reader, limiter, config: config.livechat, logError: (err, context) => app.log.error({ err, ...context }, 'live chat work failed') });
  // The port listened on once listening (PORT=0 picks one), else the configured one.
  const listeningPort = (): number => {
    const address = app.server.address();
    return typeof address === 'object' && address !== null ? address.port : config.port;
  };
  // No SMTP URL, no mailer: invitations then answer their link instead.
  const outbox = new MailOutbox(
    createMailer(config.mail, { publicUrl: () => publicUrlOf(config, listeningPort()), log: (context, message) => app.log.warn(context, message) }),
  );
  const accounts = createAccounts({
    store,
    users,
    failures: bus instanceof RedisBus ? bus.failureCounter(new MemoryFailureCounter()) : new MemoryFailureCounter(),
    // The port is known once listening (PORT=0 in tests).
    publicUrl: () => publicUrlOf(config, listeningPort()),
  });
  const services: Services = {
    epoch,
    auth: new Authenticator(store, tokens),
    tenants: new TenantService(store, events),
    users,
    access,
    chats,
    messages,
    receipts: new ReceiptService(store, access, writer, events),
    typing: new TypingService(access, events),
    media,
    webhooks: new WebhookService(
      store,
      config.webhooks,
      metrics,
      (err, context) => app.log.error({ err, ...context }, 'webhook work failed'),
      (message, context) => app.log.warn(context, message),
    ),
    messenger: new MessengerService({ store, access, events, reader, chats, messages }),
    fanout: fanoutOf(bus),
    imports: new ImportService({ store, users }),
    accounts: { ...accounts, ...createAccountAdmin(accounts, { store, users, outbox, livechat: livechat.livechat, presence: bus.presence, limiter, logError: (err, context) => app.log.error({ err, ...context }, 'account work failed') }) },
    ...livechat,
  };
  const bootstrap = await services.tenants.bootstrap({ adminKey: config.adminKey, contactCenterId: config.contactCenterId });
  await services.tenants.configure(config.tenants);
  const ownerCreated = config.owner !== undefined && (await services.accounts.setup.ensureOwner(bootstrap.tenant, config.owner));

  const app = Fastify({
    // JSON lines, secrets redacted; one line per request comes from registerRequestLog.
    logger: loggerOptions(config, opts.logStream),
    genReqId: requestId,
    bodyLimit: config.limits.maxBodyBytes,
    // Rejections of every kind carry a code; fastify's default 404/500 bodies never reach a client.
    logController: new LogController({ disableRequestLogging: true }),
    // The router's own refusals (a malformed percent-encoding, an over-long path segment) carry a
    // code too; segments may be as long as an encoded id (the schemas refuse ids over their limit).
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    routerOptions: { maxParamLength: 1000 },
  });
  busLog = (message, err) => app.log.warn({ err }, message);
  // The API speaks JSON (and multipart for uploads); anything else is 415, not a string body.
  app.removeContentTypeParser('text/plain');
  registerJsonBody(app);
  registerErrorHandling(app);
  registerRateLimits(app, limiter, { windowMs: 60_000, perIp: config.limits.httpRequestsPerIp, perUser: config.limits.httpRequestsPerUser });
  registerCors(app);
  registerValidation(app);
  registerRequestLog(app, config);
  registerHttpMetrics(app, metrics);
  await registerOpenApi(app);
  await app.register(websocket, {
    options: { maxPayload: config.limits.maxFrameBytes, handleProtocols: selectSubprotocol },
    errorHandler: (error, socket, request) => socketErrorHandler(error, socket, request.log),
  });
  const gateway = new Gateway(services, {
    ...config.limits,
    heartbeatMs: config.heartbeatMs,
    resumeMaxMessages: config.limits.resumeMaxMessages,
    logError: (err, context) => app.log.error({ err, ...context }, 'websocket operation failed'),
    log: app.log,
    observer: gatewayObserver(metrics),
  });
  await registerRoutes(app, services, gateway);
  livechatSweeper.start();
  listenToEvents(events, services);
  // A tenant changed on any node (its plan): the webhook caches drop it; the gateway reloads it.
  bus.subscribe((m) => {
    if (m.kind === 'tenant') services.webhooks.forgetTenant(m.tenantId);
  });
  services.webhooks.start();
  registerMetricsRoute(app, metrics);
  await registerWeb(app);
  registerHealth(app, { store, bus });

  let closed = false;
  return {
    app,
    services,
    internals: { store, bus, writer, events, livechatSweeper },
    gateway,
    config,
    bootstrap: { ...bootstrap, ownerCreated },
    async listen() {
      return app.listen({ host: config.host, port: config.port });
    },
    async close() {
      if (closed) return;
      closed = true;
      // Answer the operations already running (their commits included), then send clients elsewhere.
      await gateway.drain(config.shutdownTimeoutMs / 2);
      gateway.close();
      await app.close();
      await writer.close();
      await livechatSweeper.stop();
      await services.livechat.idle();
      await services.accounts.resets.idle();
      await outbox.close();
      // After everything that may still emit events: they are stored, then sending stops.
      await services.webhooks.close();
      await media.idle();
      await bus.close();
      if (!opts.store) await store.close();
    },
  };
}
