import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { OPTIONS } from './options.js';
import { readTenantsSection, TENANTS_KEY, type ConfiguredTenants } from './tenants.js';

/** A config file's values, keyed by environment variable, and how to name each in a message. */
export interface FileValues {
  values: Record<string, string>;
  /** env name → `key (in parley.json)` */
  labels: Record<string, string>;
  /** The `tenants` section, when the file has one. */
  tenants?: ConfiguredTenants;
}

const BY_KEY = new Map(OPTIONS.map((o) => [o.key, o]));

/**
 * Reads a JSON config file: one object whose keys are the option keys of `OPTIONS` (camelCase) and
 * whose values are strings, numbers or booleans. Problems are added to `problems`, one per bad key.
 */
export function readConfigFile(path: string, problems: string[]): FileValues {
  const out: FileValues = { values: {}, labels: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const reason = err instanceof SyntaxError ? `not valid JSON (${err.message})` : 'cannot be read';
    problems.push(`config file ${path}: ${reason}`);
    return out;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`config file ${path}: expected a JSON object of options`);
    return out;
  }
  const name = basename(path);
  for (const [key, value] of Object.entries(parsed)) {
    if (key === TENANTS_KEY) {
      out.tenants = readTenantsSection(value, name, problems);
      continue;
    }
    const option = BY_KEY.get(key);
    if (!option) {
      problems.push(`${key} (in ${name}): unknown option; known: ${[...BY_KEY.keys(), TENANTS_KEY].join(', ')}`);
      continue;
    }
    if (value === null) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      problems.push(`${key} (in ${name}): expected a string, number or boolean`);
      continue;
    }
    out.values[option.env] = String(value);
    out.labels[option.env] = `${key} (in ${name})`;
  }
  return out;
}
