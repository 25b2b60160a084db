// The config file's `tenants` section: read with the admin API's schema, every problem reported.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURES } from '@parley/protocol';
import { ConfigError, loadConfig } from '../../src/config/index.js';

describe('config file: tenants section', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-config-tenants-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function load(content: unknown) {
    const file = join(dir, 'parley.json');
    await writeFile(file, JSON.stringify(content));
    return loadConfig({}, {}, { configFile: file });
  }

  it('reads tenants by domain with their name and plan', async () => {
    const config = await load({ port: 9000, tenants: { DEFAULT: { plan: { features: ['livechat'] } }, 'shop.example': { name: 'Shop', plan: { name: 'lite', features: [] } } } });
    assert.equal(config.port, 9000);
    assert.deepEqual(config.tenants, { DEFAULT: { plan: { features: ['livechat'] } }, 'shop.example': { name: 'Shop', plan: { name: 'lite', features: [] } } });
  });

  it('no section is no tenants', async () => {
    assert.deepEqual((await load({ port: 9000 })).tenants, {});
    assert.deepEqual(loadConfig({}).tenants, {});
  });

  it('refuses an unknown feature naming the known ones, a bad domain, an unknown field and a non-object', async () => {
    const problems = async (content: unknown): Promise<string[]> => {
      try {
        await load(content);
      } catch (err) {
        assert.ok(err instanceof ConfigError);
        return err.problems;
      }
      assert.fail('the configuration was accepted');
    };
    const [unknownFeature] = await problems({ tenants: { acme: { plan: { features: ['livechat', 'teleport'] } } } });
    assert.match(unknownFeature ?? '', /^tenants\.acme \(in parley\.json\): \/plan\/features\/1: must be one of: /);
    for (const f of FEATURES) assert.ok(unknownFeature?.includes(f), `lists ${f}`);
    const all = await problems({ tenants: { 'bad domain': {}, ok: { plan: { features: [] } }, extra: { plan: { limits: {} } } } });
    assert.equal(all.length, 2, all.join('\n'));
    assert.match(all[0] ?? '', /tenants\.bad domain .*not a tenant domain/);
    assert.match(all[1] ?? '', /tenants\.extra .*\/plan\/limits: unknown field/);
    assert.match((await problems({ tenants: ['acme'] }))[0] ?? '', /tenants \(in parley\.json\): expected an object/);
  });
});
