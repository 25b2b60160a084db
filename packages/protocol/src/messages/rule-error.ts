import { ParleyError, type ErrorDetail } from '../errors.js';

/** The E_VALIDATION error of a content rule: `path` names the first failure, `details` lists them all. */
export function ruleError(details: readonly ErrorDetail[]): ParleyError {
  const first = details[0] ?? { path: '/content', message: 'invalid' };
  return new ParleyError('E_VALIDATION', `${first.path}: ${first.message}`, { path: first.path, details: [...details] });
}

/** Throws the failures, if any. */
export function throwIfAny(details: readonly ErrorDetail[]): void {
  if (details.length > 0) throw ruleError(details);
}
