import { useContext, useState } from 'preact/hooks';
import type { FormField, Message } from '@parley/protocol/wire';
import { ParleyError } from '@parley/protocol/wire';
import { str } from '../format.js';
import { MessageEnvContext } from './context.js';
import { checkField, visibleFields } from './form-rules.js';

function FieldInput({ field, id, value, error, onInput }: { field: FormField; id: string; value: string; error: string; onInput: (v: string) => void }) {
  const described = error ? `${id}-err` : undefined;
  const common = { id, name: field.name, 'aria-invalid': error ? true : undefined, 'aria-describedby': described, disabled: field.isEditable === false };
  const options = field.options ? Object.entries(field.options) : [];
  if (field.dc_type === 'select') {
    return (
      <select {...common} value={value} onChange={(e) => onInput(e.currentTarget.value)}>
        <option value="">—</option>
        {options.map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
    );
  }
  if (field.dc_type === 'radio') {
    return (
      <div role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={described}>
        {options.map(([key, label]) => (
          <label key={key} class="pw-radio">
            <input type="radio" name={`${id}-${field.name}`} value={key} checked={value === key} onChange={() => onInput(key)} disabled={field.isEditable === false} /> {label}
          </label>
        ))}
      </div>
    );
  }
  if (field.dc_type === 'textarea') return <textarea {...common} value={value} onInput={(e) => onInput(e.currentTarget.value)} />;
  if (field.dc_type === 'checkbox') {
    return <input {...common} type="checkbox" checked={value === 'true'} onChange={(e) => onInput(e.currentTarget.checked ? 'true' : '')} />;
  }
  if (field.dc_type === 'date') return <input {...common} type="date" value={value} onInput={(e) => onInput(e.currentTarget.value)} />;
  if (field.dc_type === 'email') return <input {...common} type="email" value={value} onInput={(e) => onInput(e.currentTarget.value)} />;
  if (field.dc_type === 'phone') return <input {...common} type="tel" value={value} onInput={(e) => onInput(e.currentTarget.value)} />;
  return <input {...common} type="text" value={value} onInput={(e) => onInput(e.currentTarget.value)} />;
}

/** FORM: the fields of the data collection object, checked with the FORM's own messages, then FORM_RESPONSE. */
export function FormView({ message }: { message: Message }) {
  const env = useContext(MessageEnvContext);
  const fields = Array.isArray(message.content.formData) ? visibleFields(message.content.formData as FormField[]) : [];
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, str(f.value)])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState('');
  const done = env.answered.has(message.id);
  const readOnly = env.respond === undefined || done;
  const all = Array.isArray(message.content.formData) ? (message.content.formData as FormField[]) : [];

  const submit = async (e: Event) => {
    e.preventDefault();
    if (readOnly || !env.respond) return;
    const found: Record<string, string> = {};
    for (const f of fields) {
      if (f.dc_type === 'info') continue;
      const problem = checkField(f, values[f.name] ?? '');
      if (problem) found[f.name] = problem;
    }
    setErrors(found);
    setFormError('');
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const formData = all.map((f) => ({ name: f.name, value: values[f.name] ?? str(f.value) }));
      await env.respond('FORM_RESPONSE', { formData }, message.id);
    } catch (error) {
      if (error instanceof ParleyError && error.details) {
        const byField: Record<string, string> = {};
        for (const d of error.details) {
          const index = /^\/content\/formData\/(\d+)/.exec(d.path)?.[1];
          const field = index === undefined ? undefined : all[Number(index)];
          if (field) byField[field.name] = d.message;
        }
        setErrors(byField);
      }
      setFormError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const base = `pw-f-${message.seq}`;
  return (
    <form class="pw-form" onSubmit={(e) => void submit(e)} noValidate aria-label={str(message.content.title) || 'Form'}>
      <div class="pw-form-title">{str(message.content.title)}</div>
      {fields.map((f) => {
        const id = `${base}-${f.name}`;
        const error = errors[f.name] ?? '';
        if (f.dc_type === 'info') return <p key={f.name} class="pw-info">{str(f.label)}</p>;
        return (
          <div key={f.name} class="pw-field">
            <label for={id} id={`${id}-label`}>
              {str(f.label)}
              {f.isMandatory ? <span aria-hidden="true"> *</span> : null}
            </label>
            <FieldInput field={f} id={id} value={values[f.name] ?? ''} error={error} onInput={(v) => setValues({ ...values, [f.name]: v })} />
            {error ? (
              <div id={`${id}-err`} class="pw-field-error" role="alert">
                {error}
              </div>
            ) : null}
          </div>
        );
      })}
      {formError && Object.keys(errors).length === 0 ? <div class="pw-field-error" role="alert">{formError}</div> : null}
      {readOnly ? (done ? <div class="pw-note">Sent</div> : null) : (
        <button type="submit" class="pw-primary" disabled={busy}>
          Send
        </button>
      )}
    </form>
  );
}
