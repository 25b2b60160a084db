/**
 * Every option of a Parley node: its environment variable (the names of DESIGN.md), its key in a
 * config file, its default and what it means. `parley --help` and docs/configuration.md list these.
 */
export interface OptionSpec {
  /** Environment variable. */
  env: string;
  /** Key in a JSON config file (`--config parley.json` or `PARLEY_CONFIG`). */
  key: string;
  /** The default, as people read it. */
  default: string;
  description: string;
  /** Never echoed in messages (keys, secrets, URLs that may carry a password). */
  secret?: boolean;
}

export const CONFIG_FILE_ENV = 'PARLEY_CONFIG';

export const OPTIONS: readonly OptionSpec[] = [
  { env: 'HOST', key: 'host', default: '127.0.0.1', description: 'Address to listen on' },
  { env: 'PORT', key: 'port', default: '8080', description: 'Port to listen on (0: any free port)' },
  { env: 'PARLEY_DATA_DIR', key: 'dataDir', default: './data', description: 'Folder for the SQLite file and media' },
  {
    env: 'PARLEY_DATABASE_URL',
    key: 'databaseUrl',
    default: 'unset (SQLite)',
    description: 'postgres://… selects PostgreSQL',
    secret: true,
  },
  {
    env: 'PARLEY_DATABASE_TIMEOUT_MS',
    key: 'databaseTimeoutMs',
    default: '5000',
    description: 'PostgreSQL: a connection or query without an answer by then fails with E_UNAVAILABLE',
  },
  { env: 'PARLEY_REDIS_URL', key: 'redisUrl', default: 'unset (in-process)', description: 'redis://… selects the Redis bus', secret: true },
  {
    env: 'PARLEY_REDIS_PREFIX',
    key: 'redisPrefix',
    default: 'parley:',
    description: 'Prefix of the Redis channel and keys (clusters sharing one Redis differ here)',
  },
  {
    env: 'PARLEY_PRESENCE_TTL_MS',
    key: 'presenceTtlMs',
    default: '30000',
    description: "Lifetime of node heartbeats and user presence; a crashed node's users go offline within it",
  },
  {
    env: 'PARLEY_ADMIN_KEY',
    key: 'adminKey',
    default: 'generated, printed once',
    description: 'Admin API key of the DEFAULT tenant (at least 16 characters)',
    secret: true,
  },
  {
    env: 'PARLEY_CONTACT_CENTER_ID',
    key: 'contactCenterId',
    default: 'generated, printed',
    description: 'ContactCenterId (UUID) of the DEFAULT tenant',
  },
  {
    env: 'PARLEY_TOKEN_SECRET',
    key: 'tokenSecret',
    default: 'generated, kept in the store',
    description: 'HMAC secret of access tokens (at least 32 characters)',
    secret: true,
  },
  { env: 'PARLEY_TOKEN_TTL_SECONDS', key: 'tokenTtlSeconds', default: '900', description: 'Access token lifetime, seconds' },
  { env: 'PARLEY_LOG_LEVEL', key: 'logLevel', default: 'info', description: 'fatal, error, warn, info, debug, trace or silent' },
  { env: 'PARLEY_LOG_REQUESTS', key: 'logRequests', default: 'true', description: 'One info line per HTTP request (true or false)' },
  { env: 'PARLEY_MAX_FRAME_BYTES', key: 'maxFrameBytes', default: '65536', description: 'Largest WebSocket frame (bigger: close 1009)' },
  { env: 'PARLEY_MAX_BODY_BYTES', key: 'maxBodyBytes', default: '1048576', description: 'Largest JSON request body (bigger: 413)' },
  {
    env: 'PARLEY_SOCKET_BUFFER_BYTES',
    key: 'socketBufferBytes',
    default: '1048576',
    description: 'Outgoing bytes buffered per socket before it is cut as a slow consumer (4008)',
  },
  { env: 'PARLEY_RATE_HTTP_PER_IP', key: 'rateHttpPerIp', default: '6000', description: 'HTTP requests per client IP per minute (beyond: 429); 0: no limit' },
  { env: 'PARLEY_RATE_HTTP_PER_USER', key: 'rateHttpPerUser', default: '1200', description: 'HTTP requests per user or API key per minute (beyond: 429); 0: no limit' },
  { env: 'PARLEY_RATE_WS_FRAMES', key: 'rateWsFrames', default: '12000', description: 'WebSocket frames per connection per minute (beyond: E_RATE_LIMITED, then close 4429); 0: no limit' },
  { env: 'PARLEY_RESUME_HELD_EVENTS', key: 'resumeHeldEvents', default: '10000', description: 'Live events held per connection while it resumes' },
  {
    env: 'PARLEY_RESUME_MAX_MESSAGES',
    key: 'resumeMaxMessages',
    default: '1000',
    description: 'Messages a resume replays per chat before answering unrecoverable',
  },
  { env: 'PARLEY_HEARTBEAT_MS', key: 'heartbeatMs', default: '25000', description: 'WebSocket ping interval, ms' },
  { env: 'PARLEY_WEBHOOK_TIMEOUT_MS', key: 'webhookTimeoutMs', default: '10000', description: 'Time limit of one webhook attempt, ms' },
  { env: 'PARLEY_WEBHOOK_MAX_ATTEMPTS', key: 'webhookMaxAttempts', default: '8', description: 'Attempts per webhook delivery before it is marked failed' },
  {
    env: 'PARLEY_WEBHOOK_ALLOW_PRIVATE_URLS',
    key: 'webhookAllowPrivateUrls',
    default: 'false',
    description: 'Let every tenant post webhooks to private and loopback addresses',
  },
  {
    env: 'PARLEY_WEBHOOK_PAUSE_AFTER_FAILURES',
    key: 'webhookPauseAfterFailures',
    default: '10',
    description: 'Failed webhook attempts in a row after which an endpoint is paused (circuit open)',
  },
  {
    env: 'PARLEY_WEBHOOK_PROBE_INTERVAL_MS',
    key: 'webhookProbeIntervalMs',
    default: '600000',
    description: 'How often a paused webhook endpoint gets one probe attempt, ms',
  },
  {
    env: 'PARLEY_WEBHOOK_ENDPOINT_BACKLOG',
    key: 'webhookEndpointBacklog',
    default: '10000',
    description: 'Events a webhook endpoint may be behind at most; beyond, it skips ahead to the newest and the skipped events are counted',
  },
  { env: 'PARLEY_WRITER_MAX_BATCH', key: 'writerMaxBatch', default: '256', description: 'Sends committed in one transaction at most' },
  {
    env: 'PARLEY_WRITER_MAX_QUEUE',
    key: 'writerMaxQueue',
    default: '20000',
    description: 'Sends waiting for a commit at most (beyond: E_UNAVAILABLE, retriable)',
  },
  {
    env: 'PARLEY_LIVECHAT_AGENT_GRACE_MS',
    key: 'livechatAgentGraceMs',
    default: '60000',
    description: "How long an agent keeps their live chats after their last socket closed; then they are re-queued",
  },
  { env: 'PARLEY_LIVECHAT_SWEEP_MS', key: 'livechatSweepMs', default: '2000', description: 'How often routing sweeps queues and absent agents, ms' },
  { env: 'PARLEY_VISITOR_TOKEN_TTL_SECONDS', key: 'visitorTokenTtlSeconds', default: '86400', description: 'Lifetime of a visitor session token' },
  {
    env: 'PARLEY_PUBLIC_URL',
    key: 'publicUrl',
    default: 'http://<HOST>:<PORT>',
    description: 'Where people reach Parley (https://chat.example.com): the base of set-up, invitation and reset links',
  },
  {
    env: 'PARLEY_OWNER_EMAIL',
    key: 'ownerEmail',
    default: 'unset (set-up link)',
    description: 'With PARLEY_OWNER_PASSWORD: the owner account of the DEFAULT tenant, created at start when missing',
  },
  {
    env: 'PARLEY_OWNER_PASSWORD',
    key: 'ownerPassword',
    default: 'unset',
    description: "The owner's password when PARLEY_OWNER_EMAIL creates it (10-128 characters, not a common one)",
    secret: true,
  },
  {
    env: 'PARLEY_SMTP_URL',
    key: 'smtpUrl',
    default: 'unset (no mail)',
    description: 'smtp://user:pass@host:587 or smtps://… enables mail (invitations, password resets); unset, links are shown instead',
    secret: true,
  },
  {
    env: 'PARLEY_MAIL_FROM',
    key: 'mailFrom',
    default: 'Parley <no-reply@host of the public URL>',
    description: 'Sender of the mail Parley sends, an address or "Name <address>"',
  },
  {
    env: 'PARLEY_MAIL_TIMEOUT_MS',
    key: 'mailTimeoutMs',
    default: '10000',
    description: 'Time limit of sending one mail (connect to accepted); beyond, it counts as not sent',
  },
  {
    env: 'PARLEY_SHUTDOWN_TIMEOUT_MS',
    key: 'shutdownTimeoutMs',
    default: '10000',
    description: 'On SIGTERM, time to finish in-flight work before the process exits anyway',
  },
];
