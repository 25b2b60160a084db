import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE_ENV, ConfigError, OPTIONS, loadConfig, publicUrlOf } from '../../src/config/index.js';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  assert.fail('expected a ConfigError');
}

describe('configuration', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-config-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('has the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8080);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.logRequests, true);
    assert.equal(config.shutdownTimeoutMs, 10_000);
    assert.equal(config.databaseUrl, undefined);
  });

  it('takes the owner from both variables, or neither; the public URL without its trailing slash', () => {
    const config = loadConfig({ PARLEY_OWNER_EMAIL: ' boss@example.com ', PARLEY_OWNER_PASSWORD: 'some long secret', PARLEY_PUBLIC_URL: 'https://chat.example.com/' });
    assert.deepEqual(config.owner, { email: 'boss@example.com', password: 'some long secret' });
    assert.equal(publicUrlOf(config), 'https://chat.example.com');
    assert.equal(publicUrlOf(loadConfig({ HOST: '0.0.0.0' }), 4321), 'http://127.0.0.1:4321', 'a wildcard host links to the loopback');
    const problems = problemsOf(() => loadConfig({ PARLEY_OWNER_PASSWORD: 'some long secret', PARLEY_PUBLIC_URL: 'ftp://x' }));
    assert.ok(problems.some((p) => p.includes('PARLEY_OWNER_EMAIL and PARLEY_OWNER_PASSWORD')));
    assert.ok(problems.some((p) => p.startsWith('PARLEY_PUBLIC_URL')));
    assert.ok(problems.every((p) => !p.includes('some long secret')), 'the password is never echoed');
  });

  it('reports every bad value at once, one clear line each, and never echoes a secret', () => {
    const problems = problemsOf(() =>
      loadConfig({
        PORT: '99999',
        PARLEY_LOG_LEVEL: 'loud',
        PARLEY_LOG_REQUESTS: 'maybe',
        PARLEY_ADMIN_KEY: 'short-secret',
        PARLEY_DATABASE_URL: 'mysql://user:hunter2@db/parley',
        PARLEY_CONTACT_CENTER_ID: 'not-a-uuid',
      }),
    );
    assert.equal(problems.length, 6, problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('PORT=99999: expected an integer from 0 to 65535')));
    assert.ok(problems.some((p) => p.startsWith('PARLEY_LOG_LEVEL=loud:')));
    assert.ok(problems.some((p) => p.startsWith('PARLEY_LOG_REQUESTS=maybe: expected true or false')));
    assert.ok(problems.some((p) => p.startsWith('PARLEY_ADMIN_KEY: use at least 16 characters')));
    assert.ok(problems.some((p) => p.startsWith('PARLEY_DATABASE_URL: expected a postgres or postgresql URL')));
    const text = problems.join('\n');
    assert.ok(!text.includes('short-secret') && !text.includes('hunter2'), 'secrets are not echoed');
  });

  it('reads a JSON config file (--config or PARLEY_CONFIG); the environment wins over it', async () => {
    const file = join(dir, 'parley.json');
    await writeFile(file, JSON.stringify({ port: 9090, host: '0.0.0.0', logLevel: 'debug', writerMaxBatch: 64, logRequests: false }));
    const fromFile = loadConfig({}, {}, { configFile: file });
    assert.equal(fromFile.port, 9090);
    assert.equal(fromFile.host, '0.0.0.0');
    assert.equal(fromFile.logLevel, 'debug');
    assert.equal(fromFile.writer.maxBatch, 64);
    assert.equal(fromFile.logRequests, false);
    const envWins = loadConfig({ PARLEY_CONFIG: file, PORT: '7070' });
    assert.equal(envWins.port, 7070);
    assert.equal(envWins.host, '0.0.0.0');
  });

  it('names the file and key of a bad value in it, and refuses unknown keys and unreadable files', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ port: 'eighty', colour: 'blue', limits: { a: 1 } }));
    const problems = problemsOf(() => loadConfig({}, {}, { configFile: file }));
    assert.ok(problems.some((p) => p.startsWith('port (in bad.json)=eighty: expected an integer')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('colour (in bad.json): unknown option')));
    assert.ok(problems.some((p) => p.startsWith('limits (in bad.json): unknown option')));
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "port": ');
    assert.match(problemsOf(() => loadConfig({}, {}, { configFile: broken }))[0]!, /not valid JSON/);
    assert.match(problemsOf(() => loadConfig({}, {}, { configFile: join(dir, 'missing.json') }))[0]!, /cannot be read/);
  });

  it('every PARLEY_* variable the server reads is a declared option (so --help and the docs list it)', async () => {
    const declared = new Set([...OPTIONS.map((o) => o.env), CONFIG_FILE_ENV]);
    const src = fileURLToPath(new URL('../../src/', import.meta.url));
    const undeclared = new Set<string>();
    for (const file of await readdir(src, { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      for (const [name] of (await readFile(join(src, file), 'utf8')).matchAll(/\bPARLEY_[A-Z0-9_]+\b/g)) {
        if (!declared.has(name)) undeclared.add(`${name} (${file})`);
      }
    }
    assert.deepEqual([...undeclared], []);
  });

  it('every option is documented in docs/configuration.md with its variable, key and default', async () => {
    const doc = await readFile(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
    for (const option of OPTIONS) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${option.env}\``));
      assert.ok(row, `docs/configuration.md has a row for ${option.env}`);
      assert.ok(row.includes(`\`${option.key}\``), `${option.env} row names the key ${option.key}`);
    }
  });
});
