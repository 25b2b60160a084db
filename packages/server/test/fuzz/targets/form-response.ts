// Fuzz target: a FORM_RESPONSE checked against its FORM (the customer's values tested against the
// agent's or bot's `custom_regexp`s, options, mandatory and non-editable fields), as a send does once
// it has found the form. Input: JSON `{"form": <FORM content>, "response": <FORM_RESPONSE content>}`.
import { checkFormResponse, validateContent } from '@parley/protocol';
import { expectSound } from '../support/property.js';

export function fuzz(data: Buffer): void {
  let input: { form?: unknown; response?: unknown } | null;
  try {
    input = JSON.parse(data.toString('utf8')) as { form?: unknown; response?: unknown } | null;
  } catch {
    return; // not JSON: refused before any content rule runs
  }
  if (typeof input !== 'object' || input === null) return;
  const { form, response } = input;
  expectSound('form-response', () => checkFormResponse(validateContent('FORM', form), validateContent('FORM_RESPONSE', response)));
}
