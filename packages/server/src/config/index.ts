import { resolve } from 'node:path';
import { readConfigFile, type FileValues } from './file.js';
import { CONFIG_FILE_ENV, OPTIONS } from './options.js';
import type { ConfiguredTenants } from './tenants.js';

export { OPTIONS, CONFIG_FILE_ENV, type OptionSpec } from './options.js';
export { TENANTS_KEY, type ConfiguredTenants } from './tenants.js';

/** Everything a Parley node is configured by. Environment variables are the contract of DESIGN.md. */
export interface Config {
  host: string;
  port: number;
  /** Folder for the SQLite file and blobs (`PARLEY_DATA_DIR`, default `./data`). */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; unset means SQLite in the data folder. */
  databaseUrl: string | undefined;
  /** PostgreSQL: a connection or query unanswered for this long fails with E_UNAVAILABLE (`PARLEY_DATABASE_TIMEOUT_MS`). */
  databaseTimeoutMs: number;
  /** `redis://…` selects the Redis bus; unset means in-process. */
  redisUrl: string | undefined;
  /** Prefix of the Redis channel and keys (`PARLEY_REDIS_PREFIX`, default `parley:`): clusters sharing a Redis differ here. */
  redisPrefix: string;
  /** Lifetime of node heartbeats and user presence without renewal (`PARLEY_PRESENCE_TTL_MS`, default 30 s). */
  presenceTtlMs: number;
  /** Admin API key of the DEFAULT tenant; generated and printed once when unset. */
  adminKey: string | undefined;
  /** ContactCenterId of the DEFAULT tenant (UUID); generated and printed when unset. */
  contactCenterId: string | undefined;
  /** HMAC secret for access tokens; when unset a random one is kept in the store (shared by nodes). */
  tokenSecret: string | undefined;
  tokenTtlSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** One info line per HTTP request, with its request id, route, status and chat id. */
  logRequests: boolean;
  /** On SIGTERM, how long in-flight work may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  limits: {
    /** Largest WebSocket frame accepted (bigger: close 1009). */
    maxFrameBytes: number;
    /** Largest JSON request body (bigger: 413). */
    maxBodyBytes: number;
    /** Outgoing bytes buffered per socket before it is closed as a slow consumer (4008). */
    socketBufferBytes: number;
    /** Live events held per connection while it resumes. */
    resumeHeldEvents: number;
    /** Messages a resume replays per chat before answering `unrecoverable`. */
    resumeMaxMessages: number;
    /** HTTP requests (WebSocket upgrades included) per client IP per minute; beyond, 429. 0: no limit. */
    httpRequestsPerIp: number;
    /** HTTP requests per authenticated user or API key per minute; beyond, 429. 0: no limit. */
    httpRequestsPerUser: number;
    /** WebSocket frames per connection per minute; beyond, E_RATE_LIMITED acks, then close 4429. 0: no limit. */
    wsFramesPerConnection: number;
  };
  heartbeatMs: number;
  /** Outgoing mail (invitations, password resets); no SMTP URL, no mail. */
  mail: MailConfig;
  /**
   * Where people reach this installation (`PARLEY_PUBLIC_URL`), for the links Parley prints and mails;
   * unset: `http://<HOST>:<PORT>` as listening (see `publicUrlOf`).
   */
  publicUrl: string | undefined;
  /** The DEFAULT tenant's owner, created at start when missing (`PARLEY_OWNER_EMAIL` + `PARLEY_OWNER_PASSWORD`). */
  owner: { email: string; password: string } | undefined;
  /** Live chat (issue 5): routing, visitor sessions, abuse limits. */
  livechat: LivechatConfig;
  /** Webhook deliveries (bots and integrations): timeouts, retries, concurrency. */
  webhooks: WebhookConfig;
  /** The config file's `tenants` section: tenants created if missing and given this name and plan at start-up. */
  tenants: ConfiguredTenants;
  writer: {
    /** Sends committed in one transaction at most. */
    maxBatch: number;
    /** Sends waiting for a commit at most; beyond, sends fail with E_UNAVAILABLE (retriable). */
    maxQueue: number;
  };
}

export interface LivechatConfig {
  /** How long an agent keeps their chats after their last socket closed (`PARLEY_LIVECHAT_AGENT_GRACE_MS`, default 60 s). */
  agentGraceMs: number;
  /** How often routing sweeps the queues and looks for absent agents (`PARLEY_LIVECHAT_SWEEP_MS`, default 2 s). */
  sweepMs: number;
  /** Lifetime of a visitor session token (`PARLEY_VISITOR_TOKEN_TTL_SECONDS`, default 24 h). */
  visitorTokenTtlSeconds: number;
  /** Requests allowed per key and window: sessions and RequestChat per IP, sends per visitor and per IP. */
  rateLimits: { windowMs: number; sessionsPerIp: number; chatsPerIp: number; chatsPerVisitor: number; sendsPerVisitor: number; sendsPerIp: number };
}

export interface MailConfig {
  /** `smtp://…` or `smtps://…`, credentials in the URL (`PARLEY_SMTP_URL`); unset: nothing is mailed. */
  smtpUrl: string | undefined;
  /** Sender (`PARLEY_MAIL_FROM`); unset: `Parley <no-reply@host of the public URL>`. */
  from: string | undefined;
  /** Time limit of one send, connect to accepted (`PARLEY_MAIL_TIMEOUT_MS`, default 10 s). */
  timeoutMs: number;
}

export interface WebhookConfig {
  /** One attempt's time limit, connect to last byte (`PARLEY_WEBHOOK_TIMEOUT_MS`, default 10 s). */
  timeoutMs: number;
  /** Attempts per delivery before it is marked failed (`PARLEY_WEBHOOK_MAX_ATTEMPTS`, default 8). */
  maxAttempts: number;
  /** First retry delay; doubles each attempt, with jitter, up to `backoffMaxMs`. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How often the store is polled for due deliveries (retries, other nodes' work, after a restart). */
  pollMs: number;
  /** Attempts in flight per endpoint, and on this node in all. */
  perEndpointConcurrency: number;
  maxConcurrency: number;
  /** Events waiting to be turned into deliveries; beyond, new events are dropped (and counted). */
  intakeLimit: number;
  /** Response bytes kept in the delivery log per attempt. */
  maxResponseBytes: number;
  /** Delivered and failed deliveries are deleted this long after their last attempt. */
  retentionMs: number;
  /** Let every tenant's endpoints reach private and loopback addresses (`PARLEY_WEBHOOK_ALLOW_PRIVATE_URLS`). */
  allowPrivateUrls: boolean;
  /** After a failed attempt the whole endpoint waits: from this, doubling per failure in a row, with jitter, up to `endpointBackoffMaxMs`. */
  endpointBackoffBaseMs: number;
  endpointBackoffMaxMs: number;
  /** Failures in a row that open an endpoint's circuit (`PARLEY_WEBHOOK_PAUSE_AFTER_FAILURES`, default 10). */
  pauseAfterFailures: number;
  /** A paused endpoint gets one probe this often (`PARLEY_WEBHOOK_PROBE_INTERVAL_MS`, default 10 min). */
  probeIntervalMs: number;
  /** Pending deliveries per endpoint at most; beyond, its new events are dropped and counted (`PARLEY_WEBHOOK_ENDPOINT_BACKLOG`). */
  endpointBacklog: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
// `a@b.c` or `Name <a@b.c>`: enough to catch a typo at start-up; the SMTP server judges the rest.
const MAIL_FROM = /^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LoadOptions {
  /** A JSON config file; default `PARLEY_CONFIG`. Environment variables override its values. */
  configFile?: string;
}

/**
 * Reads and validates the configuration from the environment and an optional config file
 * (environment first, then the file, then the defaults). Every bad value is reported, not just the
 * first, and secrets are never echoed.
 *
 * @example
 * const config = loadConfig(process.env, {}, { configFile: 'parley.json' });
 */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}, options: LoadOptions = {}): Config {
  const problems: string[] = [];
  const configFile = options.configFile ?? (env[CONFIG_FILE_ENV] || undefined);
  const file: FileValues = configFile ? readConfigFile(configFile, problems) : { values: {}, labels: {} };
  const secret = new Set(OPTIONS.filter((o) => o.secret).map((o) => o.env));
  const get = (name: string): string | undefined => {
    const fromEnv = env[name];
    return fromEnv !== undefined && fromEnv !== '' ? fromEnv : file.values[name];
  };
  const label = (name: string): string => {
    const where = env[name] !== undefined && env[name] !== '' ? name : (file.labels[name] ?? name);
    return secret.has(name) ? where : `${where}=${get(name) ?? ''}`;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${label(name)}: expected an integer from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = get(name)?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    problems.push(`${label(name)}: expected true or false`);
    return fallback;
  };
  const url = (name: string, schemes: string[]): string | undefined => {
    const raw = get(name);
    if (raw === undefined || raw === '') return undefined;
    if (!schemes.some((s) => raw.startsWith(`${s}://`))) {
      problems.push(`${label(name)}: expected a ${schemes.join(' or ')} URL`);
      return undefined;
    }
    return raw;
  };

  const logLevel = (get('PARLEY_LOG_LEVEL') ?? env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`${label('PARLEY_LOG_LEVEL')}: expected one of ${LOG_LEVELS.join(', ')}`);
  const contactCenterId = get('PARLEY_CONTACT_CENTER_ID') || undefined;
  if (contactCenterId && !UUID.test(contactCenterId)) problems.push(`${label('PARLEY_CONTACT_CENTER_ID')}: expected a UUID`);
  const adminKey = get('PARLEY_ADMIN_KEY') || undefined;
  if (adminKey !== undefined && adminKey.length < 16) problems.push(`${label('PARLEY_ADMIN_KEY')}: use at least 16 characters`);
  const tokenSecret = get('PARLEY_TOKEN_SECRET') || undefined;
  if (tokenSecret !== undefined && tokenSecret.length < 32) problems.push(`${label('PARLEY_TOKEN_SECRET')}: use at least 32 characters`);

  const ownerEmail = get('PARLEY_OWNER_EMAIL') || undefined;
  const ownerPassword = get('PARLEY_OWNER_PASSWORD') || undefined;
  if (ownerEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(ownerEmail.trim())) problems.push(`${label('PARLEY_OWNER_EMAIL')}: expected an email address`);
  if ((ownerEmail === undefined) !== (ownerPassword === undefined)) problems.push('PARLEY_OWNER_EMAIL and PARLEY_OWNER_PASSWORD: set both, or neither');
  const publicUrl = url('PARLEY_PUBLIC_URL', ['http', 'https'])?.replace(/\/+$/, '');

  const mailFrom = get('PARLEY_MAIL_FROM') || undefined;
  if (mailFrom !== undefined && !MAIL_FROM.test(mailFrom)) problems.push(`${label('PARLEY_MAIL_FROM')}: expected an address or "Name <address>"`);

  const config: Config = {
    host: get('HOST') || '127.0.0.1',
    port: int('PORT', 8080, 0, 65535),
    dataDir: resolve(get('PARLEY_DATA_DIR') || './data'),
    databaseUrl: url('PARLEY_DATABASE_URL', ['postgres', 'postgresql']),
    databaseTimeoutMs: int('PARLEY_DATABASE_TIMEOUT_MS', 5_000, 100, 600_000),
    redisUrl: url('PARLEY_REDIS_URL', ['redis', 'rediss']),
    redisPrefix: get('PARLEY_REDIS_PREFIX') || 'parley:',
    presenceTtlMs: int('PARLEY_PRESENCE_TTL_MS', 30_000, 300, 3_600_000),
    adminKey,
    contactCenterId,
    tokenSecret,
    tokenTtlSeconds: int('PARLEY_TOKEN_TTL_SECONDS', 900, 10, 7 * 24 * 3600),
    logLevel,
    logRequests: bool('PARLEY_LOG_REQUESTS', true),
    shutdownTimeoutMs: int('PARLEY_SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    limits: {
      maxFrameBytes: int('PARLEY_MAX_FRAME_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024),
      maxBodyBytes: int('PARLEY_MAX_BODY_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
      socketBufferBytes: int('PARLEY_SOCKET_BUFFER_BYTES', 1024 * 1024, 16 * 1024, 256 * 1024 * 1024),
      resumeHeldEvents: int('PARLEY_RESUME_HELD_EVENTS', 10_000, 10, 1_000_000),
      resumeMaxMessages: int('PARLEY_RESUME_MAX_MESSAGES', 1000, 1, 100_000),
      httpRequestsPerIp: int('PARLEY_RATE_HTTP_PER_IP', 6000, 0, 10_000_000),
      httpRequestsPerUser: int('PARLEY_RATE_HTTP_PER_USER', 1200, 0, 10_000_000),
      wsFramesPerConnection: int('PARLEY_RATE_WS_FRAMES', 12_000, 0, 10_000_000),
    },
    heartbeatMs: int('PARLEY_HEARTBEAT_MS', 25_000, 100, 600_000),
    publicUrl,
    owner: ownerEmail !== undefined && ownerPassword !== undefined ? { email: ownerEmail.trim(), password: ownerPassword } : undefined,
    mail: {
      smtpUrl: url('PARLEY_SMTP_URL', ['smtp', 'smtps']),
      from: mailFrom,
      timeoutMs: int('PARLEY_MAIL_TIMEOUT_MS', 10_000, 100, 120_000),
    },
    livechat: {
      agentGraceMs: int('PARLEY_LIVECHAT_AGENT_GRACE_MS', 60_000, 0, 24 * 3600 * 1000),
      sweepMs: int('PARLEY_LIVECHAT_SWEEP_MS', 2_000, 10, 600_000),
      visitorTokenTtlSeconds: int('PARLEY_VISITOR_TOKEN_TTL_SECONDS', 24 * 3600, 60, 30 * 24 * 3600),
      rateLimits: { windowMs: 60_000, sessionsPerIp: 30, chatsPerIp: 30, chatsPerVisitor: 10, sendsPerVisitor: 120, sendsPerIp: 600 },
    },
    webhooks: {
      timeoutMs: int('PARLEY_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      maxAttempts: int('PARLEY_WEBHOOK_MAX_ATTEMPTS', 8, 1, 30),
      backoffBaseMs: 10_000,
      backoffMaxMs: 3_600_000,
      pollMs: 1_000,
      perEndpointConcurrency: 2,
      maxConcurrency: 64,
      intakeLimit: 10_000,
      maxResponseBytes: 2048,
      retentionMs: 7 * 24 * 3600 * 1000,
      allowPrivateUrls: bool('PARLEY_WEBHOOK_ALLOW_PRIVATE_URLS', false),
      endpointBackoffBaseMs: 1_000,
      endpointBackoffMaxMs: 300_000,
      pauseAfterFailures: int('PARLEY_WEBHOOK_PAUSE_AFTER_FAILURES', 10, 1, 1000),
      probeIntervalMs: int('PARLEY_WEBHOOK_PROBE_INTERVAL_MS', 600_000, 100, 24 * 3600 * 1000),
      endpointBacklog: int('PARLEY_WEBHOOK_ENDPOINT_BACKLOG', 10_000, 1, 10_000_000),
    },
    writer: {
      maxBatch: int('PARLEY_WRITER_MAX_BATCH', 256, 1, 10_000),
      maxQueue: int('PARLEY_WRITER_MAX_QUEUE', 20_000, 1, 1_000_000),
    },
    tenants: file.tenants ?? {},
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * The installation's public URL: `PARLEY_PUBLIC_URL`, else `http://<HOST>:<port>` — the port the node
 * listens on (`port`, when `PORT` is 0), and the loopback address for a wildcard host.
 */
export function publicUrlOf(config: Pick<Config, 'publicUrl' | 'host' | 'port'>, port: number = config.port): string {
  if (config.publicUrl !== undefined) return config.publicUrl;
  const host = config.host === '0.0.0.0' || config.host === '' ? '127.0.0.1' : config.host === '::' ? '[::1]' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${port}`;
}
