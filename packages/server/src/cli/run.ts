import { parseArgs } from 'node:util';
import { ParleyError, USER_KINDS, type UserKind } from '@parley/protocol';
import { ConfigError, loadConfig, type Config } from '../config/index.js';
import { DEFAULT_TENANT } from '../domain/tenants/index.js';
import { COMMANDS, commandHelp, globalHelp } from './help.js';
import { UsageError } from './usage-error.js';
import { start } from './commands/start.js';
import { migrate } from './commands/migrate.js';
import { createTenant, showTenant, updateTenant } from './commands/tenant.js';
import { createUser } from './commands/user.js';
import { createApiKey } from './commands/apikey.js';
import { chatExport } from './commands/chat-export.js';
import { importFile } from './commands/import.js';

const FLAGS = {
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  name: { type: 'string' },
  tenant: { type: 'string' },
  kind: { type: 'string' },
  nickname: { type: 'string' },
  id: { type: 'string' },
  token: { type: 'boolean' },
  ttl: { type: 'string' },
  out: { type: 'string' },
  plan: { type: 'string' },
  features: { type: 'string' },
} as const;

type Flags = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
}

/**
 * Runs the `parley` command line; resolves to the exit code, or to null for `start`, whose server
 * keeps the process running (it exits by itself on SIGTERM).
 */
export async function runCli(argv: string[]): Promise<number | null> {
  let values: Flags;
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (err) {
    console.error(`parley: ${(err as Error).message}\n\n${globalHelp()}`);
    return 2;
  }
  const [first, second] = positionals;
  const name = first && COMMANDS[`${first} ${second ?? ''}`] ? `${first} ${second}` : first;
  if (name === undefined || name === 'help') {
    console.log(globalHelp());
    return values.help || name === 'help' ? 0 : 2;
  }
  if (!COMMANDS[name]) {
    console.error(`parley: unknown command "${positionals.join(' ')}"\n\n${globalHelp()}`);
    return 2;
  }
  if (values.help) {
    console.log(commandHelp(name));
    return 0;
  }
  const args = positionals.slice(name.split(' ').length);
  try {
    const config = loadConfig(process.env, {}, { configFile: values.config });
    return await dispatch(name, config, args, values);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    if (err instanceof UsageError) {
      console.error(`parley: ${err.message}\n\n${commandHelp(err.command ?? name)}`);
      return 2;
    }
    if (err instanceof ParleyError) {
      console.error(`parley: ${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

async function dispatch(name: string, config: Config, args: string[], flags: Flags): Promise<number | null> {
  const required = (value: string | undefined, what: string): string => {
    if (value === undefined || value === '') throw new UsageError(`${what} is required`, name);
    return value;
  };
  const noMoreThan = (n: number) => {
    if (args.length > n) throw new UsageError(`unexpected argument "${args[n]}"`, name);
  };
  switch (name) {
    case 'start':
      noMoreThan(0);
      await start(config);
      return null;
    case 'migrate':
      noMoreThan(0);
      await migrate(config);
      return 0;
    case 'tenant create':
      noMoreThan(1);
      await createTenant(config, required(args[0], '<domain>'), { name: flags.name, plan: flags.plan, features: flags.features });
      return 0;
    case 'tenant update':
      noMoreThan(1);
      if (flags.name === undefined && flags.plan === undefined && flags.features === undefined) {
        throw new UsageError('nothing to change: give --name, --plan or --features', name);
      }
      await updateTenant(config, required(args[0], '<domain>'), { name: flags.name, plan: flags.plan, features: flags.features });
      return 0;
    case 'tenant show':
      noMoreThan(1);
      await showTenant(config, required(args[0], '<domain>'));
      return 0;
    case 'user create': {
      noMoreThan(0);
      const kind = required(flags.kind, '--kind');
      if (!(USER_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${USER_KINDS.join(', ')}`, name);
      const ttl = flags.ttl === undefined ? undefined : Number(flags.ttl);
      if (ttl !== undefined && !Number.isInteger(ttl)) throw new UsageError('--ttl must be a whole number of seconds', name);
      await createUser(config, {
        tenant: flags.tenant ?? DEFAULT_TENANT,
        kind: kind as UserKind,
        nickname: required(flags.nickname, '--nickname'),
        id: flags.id,
        token: flags.token === true,
        ttlSeconds: ttl,
      });
      return 0;
    }
    case 'apikey create':
      noMoreThan(0);
      await createApiKey(config, flags.tenant ?? DEFAULT_TENANT, flags.name ?? 'cli');
      return 0;
    case 'chat export':
      noMoreThan(1);
      await chatExport(config, required(args[0], '<chatId>'), flags.out);
      return 0;
    case 'import':
      noMoreThan(1);
      return (await importFile(config, required(args[0], '<file>'), flags.tenant ?? DEFAULT_TENANT)) ? 0 : 1;
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}
