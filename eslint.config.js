// Type-aware lint for every TypeScript file; the floating/misused promise rules catch a missing
// `await` on an auth check or a commit.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import parley from './scripts/eslint/no-engine-reach.mjs';

const OUTBOUND_IO_MODULES = ['http', 'https', 'net', 'dns', 'dns/promises', 'child_process'].flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/it return promises the runner itself awaits.
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Transports translate and call the domain's facades: never the store, the bus, the commit queue
    // or the blob store, and never a domain area's internals. Row types still travel, as types only;
    // the store, bus and commit queue themselves may not be named or held, even as a type
    // (parley/no-engine-reach asks the type checker, so aliases and re-exports count too).
    files: ['packages/server/src/transports/**/*.ts'],
    plugins: { parley },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/**', '**/blobs/**'],
              allowTypeImports: true,
              message: 'Transports reach the store and blobs only through a domain facade (row types may be imported as types).',
            },
            {
              group: ['**/bus/**'],
              message: 'The gateway hears the bus through the fan-out facade (domain/fanout): its messages are FanoutMessage.',
            },
            {
              regex: '/domain/(?:[a-z-]+/)?(?!index\\.js$)[^/]+$',
              message: "Import the domain through domain/index.ts or an area's index.ts, its one door.",
            },
          ],
        },
      ],
      'parley/no-engine-reach': 'error',
    },
  },
  {
    // The domain owns the rules and knows nothing of HTTP, WebSocket or a database engine.
    files: ['packages/server/src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          // Outbound I/O (sockets, DNS, processes) lives in infra/: the pinned-DNS HTTP client, the tools.
          paths: OUTBOUND_IO_MODULES.map((name) => ({
            name,
            message: 'The domain does no network or process I/O itself: call infra/http or infra/tools.',
          })),
          patterns: [
            {
              group: ['fastify', '@fastify/*', 'ws', 'kysely', 'pg', 'ioredis', 'better-sqlite3', '**/transports/**'],
              message: 'The domain knows nothing of transports or engines: put this behind a store, bus or infra interface.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON bodies of many shapes; asserting on them is the point, typing each is not.
    files: ['**/test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
