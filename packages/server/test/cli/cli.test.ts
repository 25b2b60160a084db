import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_001_EXAMPLES } from '../../../protocol/test/fixtures/seed-001.js';
import { OPTIONS } from '../../src/config/index.js';
import { BIN, ensureBuilt, runParley } from '../helpers/cli.js';
import { startServerProcess, type ServerProcess } from '../helpers/process.js';

const ADMIN_KEY = 'pk_cli_test_admin_key_0123456789';
const ROOM = 'CHAT_DEFAULT_a098a0bc-b34c-452c-829c-1b03aa7a67ee';
const AGENT = { id: 'USER_gverde1@acd.enghouse.com', isAgent: true };
const VISITOR = { id: 'USER_DEFAULT_9a0a411c-f9c7-4af7-9754-024bf157a3ef', isAgent: false };

/**
 * Seed 001's examples as an export file: one live chat, agent and visitor taking turns, a second
 * apart, the endChat example last (nothing follows the end of a live chat).
 */
function seedFile(): { data: Record<string, unknown>; room: string }[] {
  const examples = [...SEED_001_EXAMPLES].sort((a, b) => Number(a.messageType === 'endChat') - Number(b.messageType === 'endChat'));
  return examples.map((example, i) => ({
    data: {
      replyTo: example.replyTo,
      id: example.id,
      messageType: example.messageType,
      content: { ...example.content, user: i % 2 === 0 ? AGENT : VISITOR },
      ts: 1643191581119 + i * 1000,
      deliverySuccess: true,
      deliveryErrorReason: '',
      messageSeen: null,
    },
    room: ROOM,
  }));
}

function json<T>(text: string): T {
  return JSON.parse(text) as T;
}

// Every command runs as the installed `parley` (bin/parley.js on the built dist), as users run it.
describe('parley CLI (real processes)', () => {
  let dir: string;
  let env: Record<string, string>;
  let proc: ServerProcess | undefined;
  before(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'parley-cli-'));
    env = { PARLEY_DATA_DIR: join(dir, 'data'), PARLEY_ADMIN_KEY: ADMIN_KEY };
  });
  after(async () => {
    await proc?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('--help lists every command and every option with its environment variable and default', async () => {
    const { code, stdout } = await runParley(['--help'], {});
    assert.equal(code, 0);
    for (const command of ['start', 'migrate', 'tenant create', 'tenant update', 'tenant show', 'user create', 'apikey create', 'chat export', 'import']) {
      assert.ok(stdout.includes(`parley ${command}`), `help names "parley ${command}"`);
    }
    for (const option of OPTIONS) {
      const line = stdout.split('\n').find((l) => l.trim().startsWith(`${option.env} `));
      assert.ok(line, `help lists ${option.env}`);
      assert.ok(line.includes(`[${option.key}]`) && line.includes(`default: ${option.default}`), `${option.env}: key and default in "${line}"`);
    }
  });

  it('refuses an unknown command, a bad flag and a bad configuration with exit code 2', async () => {
    assert.equal((await runParley(['frobnicate'], {})).code, 2);
    assert.equal((await runParley(['migrate', '--frob'], {})).code, 2);
    const configFile = join(dir, 'bad.json');
    await writeFile(configFile, JSON.stringify({ port: 'eighty', colour: 'blue' }));
    const bad = await runParley(['migrate', '--config', configFile], { PARLEY_LOG_LEVEL: 'loud' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /PARLEY_LOG_LEVEL=loud/);
    assert.match(bad.stderr, /port \(in bad\.json\)=eighty: expected an integer/);
    assert.match(bad.stderr, /colour \(in bad\.json\): unknown option/);
  });

  it('migrate creates the database and exits', async () => {
    const { code, stdout } = await runParley(['migrate'], env);
    assert.equal(code, 0, stdout);
    assert.deepEqual(json<{ migrated: boolean; store: string }>(stdout).store, 'sqlite');
    assert.ok(existsSync(join(env.PARLEY_DATA_DIR!, 'parley.db')));
  });

  let acmeKey = '';
  let annToken = '';
  it('tenant create, user create and apikey create print what they created', async () => {
    const tenant = await runParley(['tenant', 'create', 'acme', '--name', 'Acme Inc'], env);
    assert.equal(tenant.code, 0, tenant.stderr);
    const created = json<{ tenant: { domain: string; name: string }; adminKey: string }>(tenant.stdout);
    assert.equal(created.tenant.domain, 'acme');
    assert.equal(created.tenant.name, 'Acme Inc');
    acmeKey = created.adminKey;

    const user = await runParley(['user', 'create', '--tenant', 'acme', '--kind', 'agent', '--nickname', 'Ann', '--id', 'ann', '--token'], env);
    assert.equal(user.code, 0, user.stderr);
    const u = json<{ user: { id: string; kind: string; tenantId: string }; token: string }>(user.stdout);
    assert.deepEqual([u.user.id, u.user.kind, u.user.tenantId], ['ann', 'agent', 'acme']);
    annToken = u.token;

    const key = await runParley(['apikey', 'create', '--tenant', 'acme', '--name', 'ci'], env);
    assert.equal(key.code, 0, key.stderr);
    assert.match(json<{ key: string }>(key.stdout).key, /^pk_/);

    const missing = await runParley(['user', 'create', '--tenant', 'nowhere', '--kind', 'member', '--nickname', 'X'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /E_TENANT_NOT_FOUND/);
  });

  it('tenant create --plan --features, tenant update and tenant show set and show a plan; an unknown feature is refused', async () => {
    type Shown = { tenant: { domain: string; name: string; plan: { name: string; features: string[] } } };
    const created = await runParley(['tenant', 'create', 'lite', '--plan', 'lite', '--features', 'livechat, imageAttachment'], env);
    assert.equal(created.code, 0, created.stderr);
    const lite = json<Shown>(created.stdout).tenant.plan;
    assert.deepEqual([lite.name, lite.features], ['lite', ['imageAttachment', 'livechat']]);

    const updated = await runParley(['tenant', 'update', 'acme', '--plan', 'team', '--features', 'livechat,groupChat'], env);
    assert.equal(updated.code, 0, updated.stderr);
    const plan = json<Shown>(updated.stdout).tenant.plan;
    assert.deepEqual([plan.name, plan.features], ['team', ['groupChat', 'livechat']]);
    const shown = json<Shown>((await runParley(['tenant', 'show', 'acme'], env)).stdout).tenant;
    assert.deepEqual([shown.name, shown.plan.name, shown.plan.features], ['Acme Inc', 'team', ['groupChat', 'livechat']]);

    const unknown = await runParley(['tenant', 'update', 'acme', '--features', 'livechat,teleport'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /E_VALIDATION: \/plan\/features\/1: must be one of: imageAttachment, .*livechat/);
    const refusedCreate = await runParley(['tenant', 'create', 'other', '--features', 'teleport'], env);
    assert.equal(refusedCreate.code, 1);
    assert.match(refusedCreate.stderr, /E_VALIDATION/);
    assert.equal((await runParley(['tenant', 'show', 'other'], env)).code, 1, 'the refused tenant was not created');
    assert.equal((await runParley(['tenant', 'update', 'acme'], env)).code, 2, 'nothing to change is a usage error');
    assert.match((await runParley(['tenant', 'update', 'nowhere', '--plan', 'x'], env)).stderr, /E_TENANT_NOT_FOUND/);
    const after = json<Shown>((await runParley(['tenant', 'show', 'acme'], env)).stdout).tenant;
    assert.deepEqual(after.plan.features, ['groupChat', 'livechat'], 'refusals changed nothing');
  });

  it('import loads seed 001 JSON into a new chat, and again changes nothing', async () => {
    const file = join(dir, 'seed.json');
    const items: unknown[] = seedFile();
    items.push({ data: { id: 'bad-1', messageType: 'BOGUS', ts: 1, content: { user: AGENT } }, room: ROOM });
    await writeFile(file, JSON.stringify(items));
    const first = await runParley(['import', file], env);
    const report = json<{ chats: { created: string[] }; messages: { created: number; duplicate: number }; problems: { index: number }[] }>(first.stdout);
    assert.equal(first.code, 1, 'an item was refused');
    assert.deepEqual(report.chats.created, [ROOM]);
    assert.equal(report.messages.created, SEED_001_EXAMPLES.length);
    assert.deepEqual(report.problems.map((p) => p.index), [SEED_001_EXAMPLES.length]);

    await writeFile(file, JSON.stringify(seedFile()));
    const again = await runParley(['import', file], env);
    assert.equal(again.code, 0, again.stderr);
    const second = json<{ messages: { created: number; duplicate: number } }>(again.stdout);
    assert.deepEqual(second.messages, { created: 0, duplicate: SEED_001_EXAMPLES.length });
  });

  it('chat export writes the chat as seed 001 objects, in order, field for field', async () => {
    const { code, stdout, stderr } = await runParley(['chat', 'export', ROOM], env);
    assert.equal(code, 0, stderr);
    const exported = json<{ data: { id: string; messageType: string; ts: number; content: { user: unknown } }; room: string }[]>(stdout);
    const expected = seedFile();
    assert.deepEqual(exported.map((m) => m.data.id), expected.map((m) => m.data.id));
    exported.forEach((m, i) => {
      assert.equal(m.room, ROOM);
      assert.equal(m.data.messageType, expected[i]!.data.messageType);
      assert.equal(m.data.ts, expected[i]!.data.ts);
      assert.deepEqual(m.data.content.user, (expected[i]!.data.content as { user: unknown }).user);
    });
    const out = join(dir, 'export.json');
    assert.equal((await runParley(['chat', 'export', ROOM, '--out', out], env)).code, 0);
    assert.deepEqual(JSON.parse(await readFile(out, 'utf8')), exported);
    assert.equal((await runParley(['chat', 'export', 'CHAT_nope'], env)).code, 1);
  });

  it('start serves what the other commands created, and stops on SIGTERM with exit code 0', async () => {
    proc = await startServerProcess(env, { argv: [BIN, 'start'] });
    const asAcme = await fetch(`${proc.url}/v1/admin/users/ann`, { headers: { authorization: `Bearer ${acmeKey}` } });
    assert.equal(asAcme.status, 200);
    const me = await fetch(`${proc.url}/v1/me`, { headers: { authorization: `Bearer ${annToken}` } });
    assert.equal(((await me.json()) as { user: { id: string } }).user.id, 'ann');
    const features = await fetch(`${proc.url}/v1/features`, { headers: { authorization: `Bearer ${annToken}` } });
    assert.deepEqual(((await features.json()) as { plan: string; features: string[] }).features, ['groupChat', 'livechat'], 'the plan set by tenant update');
    const chat = await fetch(`${proc.url}/v1/admin/chats/${ROOM}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    assert.equal(((await chat.json()) as { chat: { lastSeq: number } }).chat.lastSeq, SEED_001_EXAMPLES.length);
    assert.equal(await proc.kill('SIGTERM'), 0);
    proc = undefined;
  });

  it('runs from source too (tsx), as in development', async () => {
    const help = await runParley(['--help'], {}, { fromSource: true });
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /parley migrate/);
  });
});
