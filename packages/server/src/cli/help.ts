import { FEATURES } from '@parley/protocol';
import { CONFIG_FILE_ENV, OPTIONS, TENANTS_KEY } from '../config/index.js';

/** One line per command: how to call it and what it does. */
export const COMMANDS: Record<string, { usage: string; summary: string; details?: string }> = {
  start: { usage: 'parley start [--config FILE]', summary: 'Run a Parley node (what `npm start` runs)' },
  migrate: { usage: 'parley migrate [--config FILE]', summary: 'Create or update the database schema, then exit' },
  'tenant create': {
    usage: 'parley tenant create <domain> [--name NAME] [--plan PLAN] [--features F1,F2,…]',
    summary: 'Create a tenant; prints it and its first admin API key (JSON)',
    details: `Without --features the plan has every feature. Features: ${FEATURES.join(', ')}.`,
  },
  'tenant update': {
    usage: 'parley tenant update <domain> [--name NAME] [--plan PLAN] [--features F1,F2,…]',
    summary: "Change a tenant's name, plan name or features (the list replaces the plan's); prints the tenant (JSON)",
    details:
      `Features: ${FEATURES.join(', ')}; --features '' leaves none. Running nodes hear of the change through\n` +
      'their Redis bus (PARLEY_REDIS_URL); with the in-process bus, open WebSocket connections keep the old plan until\n' +
      'they reconnect: change a running single node through PATCH /v1/admin/tenants/{domain} instead.',
  },
  'tenant show': { usage: 'parley tenant show <domain>', summary: 'Print a tenant and its plan (JSON)' },
  'user create': {
    usage: 'parley user create --tenant DOMAIN --kind agent|customer|bot|member --nickname NAME [--id ID] [--token] [--ttl SECONDS]',
    summary: 'Create a user; with --token also an access token (JSON)',
  },
  'apikey create': { usage: 'parley apikey create --tenant DOMAIN [--name NAME]', summary: 'Create an admin API key; the key is shown once (JSON)' },
  'chat export': {
    usage: 'parley chat export <chatId> [--out FILE]',
    summary: 'Write a chat as a JSON array of seed 001 objects {data, room}',
  },
  import: {
    usage: 'parley import <file> [--tenant DOMAIN]',
    summary: 'Import seed 001 JSON (an array of {data, room}) into existing or new chats',
    details:
      'Messages keep their ids and times and are appended in time order; a message already there is skipped, so an\n' +
      'import can be run again. Missing chats (the room) and senders are created. Best run while the server is stopped:\n' +
      'running clients see imported messages on their next history fetch or resume, not live.',
  },
};

/** `parley --help`: the commands, then every option with its environment variable and default. */
export function globalHelp(): string {
  const width = Math.max(...OPTIONS.map((o) => o.env.length));
  const lines = [
    'Parley: a self-hostable live-chat and messaging server.',
    '',
    'Usage: parley <command> [options]      parley <command> --help',
    '',
    'Commands:',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`),
    '',
    'Every command reads the configuration from environment variables and, optionally, a JSON config file',
    `(--config FILE or ${CONFIG_FILE_ENV}=FILE) whose keys are the names in brackets. Environment variables win.`,
    '',
    'Options (environment variable [config file key]: meaning; default):',
    ...OPTIONS.map((o) => `  ${o.env.padEnd(width)}  [${o.key}] ${o.description}; default: ${o.default}`),
    `  ${CONFIG_FILE_ENV.padEnd(width)}  the config file; default: none`,
    '',
    `Config file only: "${TENANTS_KEY}": {"<domain>": {"name": …, "plan": {"name": …, "features": [...]}}} creates the`,
    'tenants it names if missing and gives them this name and plan at every start (see docs/configuration.md).',
    `Features: ${FEATURES.join(', ')}.`,
  ];
  return lines.join('\n');
}

export function commandHelp(name: string): string {
  const command = COMMANDS[name];
  if (!command) return globalHelp();
  return [`Usage: ${command.usage}`, '', command.summary, ...(command.details ? ['', command.details] : []), '', 'Run `parley --help` for the configuration options.'].join('\n');
}
