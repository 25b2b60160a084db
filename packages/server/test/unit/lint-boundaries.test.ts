// The import boundaries are lint rules (eslint.config.js): this runs ESLint itself, with the
// project's configuration, on small files placed where a transport or a domain file would live, and
// checks that each reach around a door is refused and that the allowed forms pass.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SRC = join(ROOT, 'packages/server/src');

/** Probe files, by where they sit and what they hold; each gets a unique name so runs never collide. */
const PROBES = {
  transportStoreValue: ['transports', "import { createStore } from '../store/create-store.js';\nexport const open = createStore;\n"],
  transportStoreRowType: ['transports', "import type { UserRow } from '../store/index.js';\nexport type Person = UserRow;\n"],
  transportStoreAlias: ['transports', "import type { Store as Engine } from '../store/index.js';\nexport function hold(engine: Engine): string {\n  return engine.dialect;\n}\n"],
  transportBus: ['transports', "import type { BusMessage } from '../bus/index.js';\nexport type Heard = BusMessage;\n"],
  transportDomainInternals: ['transports', "import { ChatAccess } from '../domain/chats/access.js';\nexport const access = ChatAccess;\n"],
  transportDomainDoor: ['transports', "import { toTenantView } from '../domain/tenants/index.js';\nexport const view = toTenantView;\n"],
  domainFastify: ['domain', "import Fastify from 'fastify';\nexport const app = Fastify;\n"],
  domainNetwork: ['domain', "import { request } from 'node:https';\nexport const get = request;\n"],
} as const;

type Probe = keyof typeof PROBES;

describe('lint boundaries: transports and the domain keep to their doors', () => {
  const tag = `lint-probe-${process.pid}-${Date.now()}`;
  const paths = new Map<Probe, string>();
  const findings = new Map<Probe, string[]>();

  before(async () => {
    for (const [probe, [dir, text]] of Object.entries(PROBES) as [Probe, readonly [string, string]][]) {
      const path = join(SRC, dir, `${tag}-${probe}.ts`);
      paths.set(probe, path);
      await writeFile(path, text);
    }
    try {
      const results = await new ESLint({ cwd: ROOT }).lintFiles([...paths.values()]);
      for (const [probe, path] of paths) {
        const result = results.find((r) => r.filePath === path);
        findings.set(probe, (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`));
      }
    } finally {
      await Promise.all([...paths.values()].map((p) => rm(p, { force: true })));
    }
  });
  after(async () => Promise.all([...paths.values()].map((p) => rm(p, { force: true }))));

  const refused = (probe: Probe, rule: string) => assert.ok(findings.get(probe)?.includes(rule), `${probe}: ${rule} expected, got ${JSON.stringify(findings.get(probe))}`);
  const passes = (probe: Probe) => assert.deepEqual(findings.get(probe), []);

  it('refuses a transport importing the store, and allows its row types', () => {
    refused('transportStoreValue', '@typescript-eslint/no-restricted-imports');
    passes('transportStoreRowType');
  });

  it('refuses a transport holding the store under another name (asked of the type checker)', () => {
    refused('transportStoreAlias', 'parley/no-engine-reach');
  });

  it('refuses a transport importing the bus, even as a type', () => {
    refused('transportBus', '@typescript-eslint/no-restricted-imports');
  });

  it("refuses a domain area's internals from a transport, and allows its index", () => {
    refused('transportDomainInternals', '@typescript-eslint/no-restricted-imports');
    passes('transportDomainDoor');
  });

  it('refuses HTTP frameworks and network I/O in the domain', () => {
    refused('domainFastify', '@typescript-eslint/no-restricted-imports');
    refused('domainNetwork', '@typescript-eslint/no-restricted-imports');
  });
});
