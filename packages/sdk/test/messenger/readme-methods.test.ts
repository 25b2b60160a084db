import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { MessengerSDK } from '../../src/index.js';

const SOURCE = new URL('../../src/facades/messenger/messenger-sdk.ts', import.meta.url);
const README = new URL('../../README.md', import.meta.url);

/** Each public method of the source with its parameter names and the TSDoc block above it. */
async function methodsInSource(): Promise<Map<string, { params: string[]; doc: string }>> {
  const lines = (await readFile(SOURCE, 'utf8')).split('\n');
  const out = new Map<string, { params: string[]; doc: string }>();
  for (const [i, line] of lines.entries()) {
    const m = /^ {2}(?:async )?(\w+)\((.*)\)(?::.*)? \{$/.exec(line);
    if (!m) continue;
    const params = m[2]!.split(/,(?![^{]*\})/).map((p) => /^\s*(\w+)/.exec(p)?.[1]).filter((p): p is string => p !== undefined);
    let j = i - 1;
    while (j > 0 && !lines[j]!.includes('/**')) j--;
    out.set(m[1] === 'constructor' ? 'new MessengerSDK(options)' : m[1]!, { params, doc: lines.slice(j, i).join('\n') });
  }
  return out;
}

/** The README's messenger table: method → the parameter names it lists, in order. */
async function methodsInReadme(): Promise<Map<string, string[]>> {
  const readme = await readFile(README, 'utf8');
  const section = readme.slice(readme.indexOf('## Messenger facade'), readme.indexOf('## Agent facade'));
  const out = new Map<string, string[]>();
  for (const row of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const [method, params] = row.split(' | ');
    const name = /^\| `([^`]+)`/.exec(method!)![1]!;
    out.set(name, [...params!.matchAll(/(?:^|<br>)`(\w+)` \(/g)].map((m) => m[1]!));
  }
  return out;
}

describe('MessengerSDK documentation', () => {
  it('the README table lists every method with its parameters, in order', async () => {
    const source = await methodsInSource();
    const readme = await methodsInReadme();
    const publicMethods = Object.getOwnPropertyNames(MessengerSDK.prototype).filter((n) => n !== 'constructor');
    for (const name of publicMethods) assert.ok(source.has(name), `${name} is found in the source`);
    assert.deepEqual([...readme.keys()].sort(), [...source.keys()].sort(), 'one README row per method, and no other');
    for (const [name, { params }] of source) assert.deepEqual(readme.get(name), params, `README parameters of ${name}`);
  });

  it('every method has TSDoc with a @param per parameter, @returns (the constructor aside) and an @example', async () => {
    for (const [name, { params, doc }] of await methodsInSource()) {
      for (const p of params) assert.match(doc, new RegExp(`@param ${p} - \\S`), `${name}: @param ${p}`);
      if (!name.startsWith('new ')) assert.match(doc, /@returns \S/, `${name}: @returns`);
      assert.match(doc, /@example\n\s+\* ```ts\n/, `${name}: @example`);
    }
  });
});
