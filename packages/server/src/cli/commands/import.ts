import { readFile } from 'node:fs/promises';
import type { Config } from '../../config/index.js';
import { withNode } from '../context.js';
import { UsageError } from '../usage-error.js';

/**
 * `parley import <file>`: seed 001 JSON into existing or new chats; prints the report (JSON). Exits
 * non-zero when some items could not be imported (the others are).
 */
export async function importFile(config: Config, file: string, domain: string): Promise<boolean> {
  let items: unknown;
  try {
    items = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: ${err instanceof SyntaxError ? `not valid JSON (${err.message})` : 'cannot be read'}`, 'import');
  }
  if (!Array.isArray(items)) throw new UsageError(`${file}: expected a JSON array of {data, room} objects`, 'import');
  const list: unknown[] = items;
  return withNode(config, async (node) => {
    const report = await node.services.imports.seedMessages(await node.services.tenants.byDomain(domain), list);
    console.log(JSON.stringify(report, null, 2));
    return report.problems.length === 0;
  });
}
