import type { FormField } from '@parley/protocol/wire';

/**
 * The checks a FORM_RESPONSE meets on the server (mandatory fields, the field's `custom_regexp`,
 * an address for email fields, values among the options), run in the browser first so the visitor
 * sees the FORM's own messages at once. The server checks again and its messages win.
 */
export function checkField(field: FormField, value: string): string {
  const trimmed = value.trim();
  if (field.isMandatory === true && trimmed === '') return field.customMandatoryErrorMessage || 'This field is required';
  if (trimmed === '') return '';
  const invalid = field.customValidationErrorMessage || 'This value is not valid';
  if (field.custom_regexp) {
    try {
      if (!new RegExp(field.custom_regexp).test(value)) return invalid;
    } catch {
      return '';
    }
  } else if (field.dc_type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) {
    return invalid;
  }
  if ((field.dc_type === 'select' || field.dc_type === 'radio') && field.options && !(value in field.options)) return invalid;
  return '';
}

/** Which fields the visitor fills: visible to the customer, not `info`. */
export function visibleFields(fields: readonly FormField[]): FormField[] {
  return fields.filter((f) => f.isVisibleCustomer !== false);
}
