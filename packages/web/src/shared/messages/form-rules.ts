import type { FormField } from '@parley/protocol/wire';

/**
 * The checks a FORM_RESPONSE meets on the server (mandatory fields, an address for email fields,
 * values among the options), run in the browser first so the visitor sees the FORM's own messages at
 * once. A field's `custom_regexp` is left to the server: it is written by agents and bots, and the
 * browser's backtracking engine could freeze the visitor's page on it; the server matches it with RE2
 * and answers with the form's own message. The server checks everything again and its messages win.
 */
export function checkField(field: FormField, value: string): string {
  const trimmed = value.trim();
  if (field.isMandatory === true && trimmed === '') return field.customMandatoryErrorMessage || 'This field is required';
  if (trimmed === '') return '';
  const invalid = field.customValidationErrorMessage || 'This value is not valid';
  if (!field.custom_regexp && field.dc_type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) {
    return invalid;
  }
  if ((field.dc_type === 'select' || field.dc_type === 'radio') && field.options && !(value in field.options)) return invalid;
  return '';
}

/** Which fields the visitor fills: visible to the customer, not `info`. */
export function visibleFields(fields: readonly FormField[]): FormField[] {
  return fields.filter((f) => f.isVisibleCustomer !== false);
}
