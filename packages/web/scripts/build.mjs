#!/usr/bin/env node
// Builds the two pages of @parley/web with Vite: the widget as one IIFE script (dist/widget.js) and
// the agent console as a page served under /console/ (dist/console/). Workspace packages are bundled
// from their TypeScript source (the `source` export condition), so this needs no earlier tsc build.
// Prints the widget's size, raw and gzipped: the aim is under 30 KB gzipped.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, defaultClientConditions } from 'vite';
import preact from '@preact/preset-vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const WIDGET_BUDGET_GZIP = 30 * 1024;

const shared = {
  configFile: false,
  logLevel: 'warn',
  plugins: [preact({ devToolsInProd: false, prefreshEnabled: false })],
  resolve: {
    conditions: ['source', ...defaultClientConditions],
    // The SDK loads `ws` only on Node versions without a global WebSocket; browsers never do.
    alias: { ws: at('src/shared/no-ws.ts') },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
};

await build({
  ...shared,
  root,
  build: {
    outDir: at('dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    lib: { entry: at('src/widget/main.tsx'), formats: ['iife'], name: 'ParleyWidget', fileName: () => 'widget.js' },
  },
});

await build({
  ...shared,
  root: at('src/console'),
  base: '/console/',
  build: { outDir: at('dist/console'), emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
});

const widget = readFileSync(at('dist/widget.js'));
const gzipped = gzipSync(widget, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`widget.js: ${kb(widget.length)} raw, ${kb(gzipped)} gzipped (budget ${kb(WIDGET_BUDGET_GZIP)})`);
if (gzipped > WIDGET_BUDGET_GZIP) console.warn('widget.js is over its gzipped budget');
