#!/usr/bin/env node
// The `parley` command: runs the built CLI. From a fresh clone: `npm ci && npm run build` first.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('parley: the server is not built yet; run `npm run build` at the repository root');
  process.exit(1);
}
await import(entry.href);
