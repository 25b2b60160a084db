import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkForm,
  checkFormResponse,
  FORM_DEFAULT_MESSAGES,
  formResponseFailures,
  validateContent,
  type FormContent,
  type FormField,
  type FormResponseContent,
} from '../src/index.js';
import { seedContent } from './fixtures/seed-001.js';
import { expectValidation } from './helpers.js';

const seedForm = (): FormContent => validateContent('FORM', seedContent('FORM'));
const seedResponse = (): FormResponseContent => validateContent('FORM_RESPONSE', seedContent('FORM_RESPONSE'));

/** The seed response with some values replaced, by field name. */
function respond(values: Record<string, string>): FormResponseContent {
  const response = seedResponse();
  return { ...response, formData: response.formData.map((f) => (f.name in values ? { ...f, value: values[f.name] ?? '' } : f)) };
}

function formWith(extra: FormField[], patch: Record<string, Partial<FormField>> = {}): FormContent {
  const form = seedForm();
  return { ...form, formData: [...form.formData.map((f) => ({ ...f, ...patch[f.name] })), ...extra] };
}

void describe('checkForm', () => {
  void it('accepts the seed FORM', () => {
    assert.doesNotThrow(() => checkForm(seedForm()));
  });

  void it('reports every problem of a definition', () => {
    const form = formWith([{ name: 'company', label: 'Again', dc_type: 'text', custom_regexp: '(x)\\1' }], {
      fascia: { options: {} },
    });
    const err = expectValidation(() => checkForm(form), '/content/formData/3/options');
    assert.deepEqual(
      err.details?.map((d) => d.path),
      ['/content/formData/3/options', '/content/formData/4/name', '/content/formData/4/custom_regexp'],
    );
  });

  void it("bounds the compiled size of the form's patterns together (a response tests them all)", () => {
    // 190 steps each (and the seed's `.*@.*`, 7): each alone is accepted, from the sixth on the form is over 1,000.
    const fields: FormField[] = Array.from({ length: 8 }, (_, i) => ({ name: `f${i}`, label: 'F', dc_type: 'text', custom_regexp: '.{188}' }));
    const err = expectValidation(() => checkForm(formWith(fields)), '/content/formData/9/custom_regexp');
    assert.deepEqual(err.details?.map((d) => d.path), ['/content/formData/9/custom_regexp', '/content/formData/10/custom_regexp', '/content/formData/11/custom_regexp']);
    assert.match(err.details?.[0]?.message ?? '', /together are too complex/);
    assert.doesNotThrow(() => checkForm(formWith(fields.slice(0, 5))));
  });

  void it('lets an auto field carry an expression as its value', () => {
    assert.doesNotThrow(() => checkForm(formWith([], { fascia: { mode: 'auto', value: 'getSlot()' } })));
  });
});

void describe('checkFormResponse', () => {
  void it('accepts the seed FORM_RESPONSE and returns it in the form shape', () => {
    const stored = checkFormResponse(seedForm(), seedResponse());
    assert.deepEqual(stored, seedContent('FORM_RESPONSE'));
  });

  void it('returns every failing field with the form’s own messages', () => {
    const response = respond({ company: '', address: '   ', email2: 'not an email', fascia: 'sera' });
    const err = expectValidation(() => checkFormResponse(seedForm(), response), '/content/formData/0/value');
    assert.deepEqual(err.details, [
      { path: '/content/formData/0/value', message: 'Campo obbligatorio' },
      { path: '/content/formData/1/value', message: 'Indirizzo obbligatorio' },
      { path: '/content/formData/2/value', message: 'Email non valida' },
      // the select's customValidationErrorMessage is "", so the default applies
      { path: '/content/formData/3/value', message: FORM_DEFAULT_MESSAGES.notAnOption },
    ]);
  });

  void it('uses the default messages when the form has none', () => {
    const form = formWith([], {
      company: { customMandatoryErrorMessage: '' },
      email2: { customValidationErrorMessage: undefined },
    });
    const failures = formResponseFailures(form, respond({ company: '', email2: 'nope' }));
    assert.deepEqual(failures, [
      { path: '/content/formData/0/value', message: FORM_DEFAULT_MESSAGES.mandatory },
      { path: '/content/formData/2/value', message: FORM_DEFAULT_MESSAGES.invalid },
    ]);
  });

  void it('rejects a select value that is not an option key (a label is not a key)', () => {
    const err = expectValidation(() => checkFormResponse(seedForm(), respond({ fascia: 'Mattina' })), '/content/formData/3/value');
    assert.equal(err.details?.length, 1);
  });

  void it('does not let an inherited property pass as an option', () => {
    expectValidation(() => checkFormResponse(seedForm(), respond({ fascia: 'toString' })), '/content/formData/3/value');
  });

  void it('rejects a changed non-editable field and keeps the form’s value', () => {
    const form = formWith([], { company: { isEditable: false, value: 'Enghouse' } });
    const err = expectValidation(() => checkFormResponse(form, respond({ company: 'Other' })), '/content/formData/0/value');
    assert.deepEqual(err.details, [{ path: '/content/formData/0/value', message: FORM_DEFAULT_MESSAGES.notEditable }]);
    assert.equal(checkFormResponse(form, respond({ company: 'Enghouse' })).formData[0]?.value, 'Enghouse');
  });

  void it('lets an auto-mode field take its computed value even when not editable', () => {
    const form = formWith([], { company: { isEditable: false, mode: 'auto', value: 'document.title' } });
    assert.equal(checkFormResponse(form, respond({ company: 'My page' })).formData[0]?.value, 'My page');
  });

  void it('reports fields not in the form, given twice, and missing', () => {
    const response = seedResponse();
    const [company, address, , fascia] = response.formData;
    assert.ok(company && address && fascia);
    const tampered: FormResponseContent = {
      formData: [company, { name: 'password', value: 'x' }, address, { ...company, value: 'Again' }, fascia],
    };
    const err = expectValidation(() => checkFormResponse(seedForm(), tampered), '/content/formData/1/name');
    assert.deepEqual(err.details, [
      { path: '/content/formData/1/name', message: FORM_DEFAULT_MESSAGES.unknownField },
      { path: '/content/formData/3/name', message: FORM_DEFAULT_MESSAGES.duplicateField },
      { path: '/content/formData/2', message: FORM_DEFAULT_MESSAGES.missingField },
    ]);
  });

  void it('applies the form’s definitions, not the ones the response echoes', () => {
    const response = respond({ company: '' });
    const echoed = { ...response, formData: response.formData.map((f) => ({ ...f, isMandatory: false, label: 'Hacked' })) };
    expectValidation(() => checkFormResponse(seedForm(), echoed), '/content/formData/0/value');
    const stored = checkFormResponse(seedForm(), { ...echoed, title: 'Other', formData: seedResponse().formData.map((f) => ({ ...f, label: 'Hacked' })) });
    assert.equal(stored.title, 'Titolo Form');
    assert.deepEqual(stored.formData.map((f) => f.label), seedForm().formData.map((f) => f.label));
  });

  void it('checks email fields without a regexp with a basic address check', () => {
    const form = formWith([], { email2: { custom_regexp: '' } });
    assert.doesNotThrow(() => checkFormResponse(form, respond({ email2: 'a.b@example.co.uk' })));
    for (const bad of ['a@b', 'a b@example.com', '@example.com', 'a@@example.com', 'a@example.']) {
      const err = expectValidation(() => checkFormResponse(form, respond({ email2: bad })), '/content/formData/2/value');
      assert.deepEqual(err.details, [{ path: '/content/formData/2/value', message: 'Email non valida' }], bad);
    }
  });

  void it('matches custom regexps as written (unanchored) and skips empty optional fields', () => {
    const form = formWith([
      { name: 'zip', label: 'CAP', dc_type: 'text', custom_regexp: '^\\d{5}$', customValidationErrorMessage: 'CAP non valido' },
    ]);
    const withZip = (zip: string): FormResponseContent => ({ formData: [...seedResponse().formData, { name: 'zip', value: zip }] });
    assert.doesNotThrow(() => checkFormResponse(form, withZip('20126')));
    assert.doesNotThrow(() => checkFormResponse(form, withZip('')));
    const err = expectValidation(() => checkFormResponse(form, withZip('2012')), '/content/formData/4/value');
    assert.deepEqual(err.details, [{ path: '/content/formData/4/value', message: 'CAP non valido' }]);
  });

  void it('does not ask info fields for a value', () => {
    const form = formWith([{ name: 'note', label: 'Read this', dc_type: 'info', isMandatory: true }]);
    assert.doesNotThrow(() => checkFormResponse(form, { formData: [...seedResponse().formData, { name: 'note', value: '' }] }));
  });
});
