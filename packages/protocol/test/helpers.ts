import assert from 'node:assert/strict';
import { isParleyError, type ErrorDetail, type ParleyError } from '../src/index.js';

/** Runs `fn`, asserts it throws E_VALIDATION whose `path` is `path`, and returns the error. */
export function expectValidation(fn: () => unknown, path: string): ParleyError {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown !== undefined, `expected E_VALIDATION at ${path}, nothing thrown`);
  assert.ok(isParleyError(thrown), `expected a ParleyError, got ${thrown instanceof Error ? thrown.stack : JSON.stringify(thrown)}`);
  assert.equal(thrown.code, 'E_VALIDATION');
  assert.equal(thrown.path, path, `details: ${JSON.stringify(thrown.details)}`);
  return thrown;
}

/** The paths of an error's details. */
export const detailPaths = (err: ParleyError): string[] => (err.details ?? []).map((d: ErrorDetail) => d.path);
