import type { ErrorDetail } from '../errors.js';
import { CHOICE_FIELD_TYPES, type FormContent, type FormField, type FormResponseContent } from './form.js';
import { compileFormRegexp } from './form-regexp.js';
import { CONTENT_LIMITS } from './common.js';
import { throwIfAny } from './rule-error.js';

/** Messages used when the form gives none of its own (a form's own messages are the contract). */
export const FORM_DEFAULT_MESSAGES = {
  mandatory: 'This field is required',
  invalid: 'The value is not valid',
  notAnOption: 'Choose one of the options',
  notEditable: 'This field cannot be changed',
  unknownField: 'Not a field of the form',
  duplicateField: 'Field given twice',
  missingField: 'Field missing from the response',
  noOptions: 'A choice field needs options',
} as const;

/** A basic address check for `dc_type: 'email'` fields without a regexp (linear: dots split the domain). */
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const EMAIL_MAX = 320;

const fieldPath = (index: number, key?: string): string =>
  key === undefined ? `/content/formData/${index}` : `/content/formData/${index}/${key}`;

const isChoice = (field: Pick<FormField, 'dc_type' | 'options'>): boolean => CHOICE_FIELD_TYPES.includes(field.dc_type);

/**
 * Every problem of a FORM's definition: duplicate field names, a `custom_regexp` that does not compile
 * or that RE2 cannot run (see form-regexp.ts), a select/radio without options or whose initial value is not
 * one of them.
 */
export function formFailures(form: FormContent): ErrorDetail[] {
  const failures: ErrorDetail[] = [];
  const names = new Set<string>();
  // A response tests every field: the patterns' sizes together bound its cost.
  let programSize = 0;
  form.formData.forEach((field, i) => {
    if (names.has(field.name)) failures.push({ path: fieldPath(i, 'name'), message: FORM_DEFAULT_MESSAGES.duplicateField });
    names.add(field.name);
    if (field.custom_regexp) {
      const verdict = compileFormRegexp(field.custom_regexp);
      if (!verdict.ok) failures.push({ path: fieldPath(i, 'custom_regexp'), message: verdict.reason });
      else if ((programSize += verdict.regexp.size) > CONTENT_LIMITS.formRegexpProgram) {
        failures.push({ path: fieldPath(i, 'custom_regexp'), message: `the form's patterns together are too complex: over ${CONTENT_LIMITS.formRegexpProgram} steps once compiled` });
      }
    }
    if (isChoice(field)) {
      const options = field.options ?? {};
      const value = field.value ?? '';
      if (Object.keys(options).length === 0) {
        failures.push({ path: fieldPath(i, 'options'), message: FORM_DEFAULT_MESSAGES.noOptions });
      } else if (value !== '' && field.mode !== 'auto' && !Object.hasOwn(options, value)) {
        failures.push({ path: fieldPath(i, 'value'), message: FORM_DEFAULT_MESSAGES.notAnOption });
      }
    }
  });
  return failures;
}

/** Rejects a FORM whose definition is unusable; throws E_VALIDATION with every failure in `details`. */
export function checkForm(form: FormContent): void {
  throwIfAny(formFailures(form));
}

/** The failure of one submitted value against its field definition, or null. */
function valueFailure(def: FormField, value: string): string | null {
  const invalid = def.customValidationErrorMessage || FORM_DEFAULT_MESSAGES.invalid;
  if (def.isEditable === false && def.mode !== 'auto' && value !== (def.value ?? '')) {
    return FORM_DEFAULT_MESSAGES.notEditable;
  }
  if (value.trim() === '') {
    return def.isMandatory === true && def.dc_type !== 'info'
      ? def.customMandatoryErrorMessage || FORM_DEFAULT_MESSAGES.mandatory
      : null;
  }
  if (def.dc_type === 'info') return null;
  if (isChoice(def) && !Object.hasOwn(def.options ?? {}, value)) {
    return def.customValidationErrorMessage || FORM_DEFAULT_MESSAGES.notAnOption;
  }
  if (def.custom_regexp) {
    const verdict = compileFormRegexp(def.custom_regexp);
    return verdict.ok && verdict.regexp.test(value) ? null : invalid;
  }
  if (def.dc_type === 'email' && (value.length > EMAIL_MAX || !EMAIL_RE.test(value))) return invalid;
  return null;
}

/**
 * Every failing field of a FORM_RESPONSE checked against its FORM, in response order, then the form's
 * fields missing from the response. Per field, the first failure of: not a field of the form / given
 * twice (path `…/name`); non-editable value changed; mandatory and empty (the form's
 * `customMandatoryErrorMessage`); select/radio value not an option key; `custom_regexp` not matched or,
 * for `email` fields without one, not an address (the form's `customValidationErrorMessage`). Value
 * failures have the path `/content/formData/<response index>/value`; a missing field
 * `/content/formData/<form index>`. The form's definitions apply, whatever the response echoes.
 */
export function formResponseFailures(form: FormContent, response: FormResponseContent): ErrorDetail[] {
  const failures: ErrorDetail[] = [];
  const defs = new Map(form.formData.map((field) => [field.name, field]));
  const answered = new Set<string>();
  response.formData.forEach((field, i) => {
    const def = defs.get(field.name);
    if (def === undefined || answered.has(field.name)) {
      const message = def === undefined ? FORM_DEFAULT_MESSAGES.unknownField : FORM_DEFAULT_MESSAGES.duplicateField;
      failures.push({ path: fieldPath(i, 'name'), message });
      return;
    }
    answered.add(field.name);
    const message = valueFailure(def, field.value);
    if (message !== null) failures.push({ path: fieldPath(i, 'value'), message });
  });
  form.formData.forEach((def, i) => {
    if (!answered.has(def.name)) failures.push({ path: fieldPath(i), message: FORM_DEFAULT_MESSAGES.missingField });
  });
  return failures;
}

/**
 * Checks a FORM_RESPONSE against its FORM and returns the response to store: the form's title,
 * `response_to_bot` and field definitions, each with the submitted value. Throws E_VALIDATION whose
 * `details` list every failing field (see `formResponseFailures`); `path` is the first.
 */
export function checkFormResponse(form: FormContent, response: FormResponseContent): FormResponseContent {
  throwIfAny(formResponseFailures(form, response));
  const values = new Map(response.formData.map((field) => [field.name, field.value]));
  return {
    title: form.title,
    response_to_bot: form.response_to_bot,
    formData: form.formData.map((def) => ({ ...def, value: values.get(def.name) ?? def.value ?? '' })),
  };
}
