import { AuthError } from './auth-api.js';
import type { FormErrors } from './form-field.js';

function wait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * A refusal as the form shows it: a validation error under its field (the server's `path`, like
 * `/password`), a throttled sign-in with its wait, anything else for the whole form.
 */
export function formErrorsOf(error: unknown): FormErrors {
  if (!(error instanceof AuthError)) return { form: error instanceof Error ? error.message : String(error) };
  if (error.code === 'E_RATE_LIMITED') {
    return { form: error.retryAfter ? `Too many attempts. Try again in ${wait(error.retryAfter)}.` : 'Too many attempts. Try again later.' };
  }
  const field = error.path?.replace(/^\//, '');
  if (error.code === 'E_VALIDATION' && (field === 'email' || field === 'password' || field === 'name')) return { [field]: error.message };
  if (error.code === 'E_LINK_INVALID') return { form: 'This link is not valid any more: it was used already or has expired. Ask for a new one.' };
  return { form: error.message };
}
