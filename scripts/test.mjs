#!/usr/bin/env node
// Runs every test file of the workspace with node's test runner (TypeScript through tsx, workspace
// packages from source). Arguments narrow the run: `npm test -- packages/server store`.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';

const roots = ['packages/protocol/test', 'packages/server/test', 'packages/sdk/test', 'packages/web/test', 'bench/test'];
const filters = process.argv.slice(2);

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(process.cwd(), path));
  }
  return out;
}

const files = roots
  .flatMap((root) => walk(root, []))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error('no test files match', filters.join(' '));
  process.exit(1);
}
const child = spawn(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', '--test', '--test-timeout=180000', '--test-concurrency=2', ...files],
  { stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
