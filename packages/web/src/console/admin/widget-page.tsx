import { useEffect, useState } from 'preact/hooks';
import type { AdminApi, PrechatField, WidgetSettings } from './admin-api.js';
import { CopyBox, FieldError, FormError, fieldErrorsOf, invalid, messageOf, type FieldErrors } from './admin-ui.js';
import { Field } from '../form-field.js';

/** One pre-chat field being edited; `options` as typed (one per line) until saved. */
interface FieldDraft extends Omit<PrechatField, 'options'> {
  options: string;
}

const toDraft = (f: PrechatField): FieldDraft => ({ ...f, options: (f.options ?? []).join('\n') });
const fromDraft = (f: FieldDraft): PrechatField => {
  const options = f.options.split('\n').map((o) => o.trim()).filter(Boolean);
  return { name: f.name.trim(), label: f.label.trim(), type: f.type, required: f.required, ...(f.type === 'select' ? { options } : {}) };
};
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function ColourField({ id, label, value, onInput, error }: { id: string; label: string; value: string; onInput: (v: string) => void; error?: string }) {
  const valid = /^#[0-9A-Fa-f]{6}$/.test(value);
  return (
    <div class="pc-field">
      <label for={id}>{label}</label>
      <div class="pa-colour">
        <input id={id} value={value} onInput={(e) => onInput(e.currentTarget.value)} {...invalid(id, error)} placeholder="#rrggbb" />
        <input type="color" aria-label={`${label} picker`} value={valid ? value : '#000000'} onInput={(e) => onInput(e.currentTarget.value)} />
      </div>
      <FieldError id={id} error={error} />
    </div>
  );
}

function PrechatEditor({ fields, setFields, errors }: { fields: FieldDraft[]; setFields: (f: FieldDraft[]) => void; errors: FieldErrors }) {
  const change = (i: number, patch: Partial<FieldDraft>) => setFields(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const move = (i: number, by: number) => {
    const next = [...fields];
    const [f] = next.splice(i, 1);
    next.splice(i + by, 0, f as FieldDraft);
    setFields(next);
  };
  return (
    <fieldset class="pa-prechat">
      <legend>Pre-chat form</legend>
      <p class="pc-hint">
        What the widget asks before a chat. A field named <code>name</code> fills the visitor's name, <code>email</code> their email, <code>subject</code> the chat's subject.
      </p>
      <FieldError id="pa-w-prechat" error={errors.prechatFields} />
      <ol class="pa-fields">
        {fields.map((f, i) => {
          const id = `pa-w-field-${i}`;
          const err = errors[`prechatFields/${i}`];
          return (
            <li key={i} class="pa-field-row" aria-label={`Field ${i + 1}`}>
              <div class="pa-grid">
                <div class="pc-field">
                  <label for={`${id}-label`}>Label</label>
                  <input id={`${id}-label`} value={f.label} onInput={(e) => change(i, { label: e.currentTarget.value })} />
                </div>
                <div class="pc-field">
                  <label for={`${id}-name`}>Name</label>
                  <input id={`${id}-name`} value={f.name} onInput={(e) => change(i, { name: e.currentTarget.value })} />
                </div>
                <div class="pc-field">
                  <label for={`${id}-type`}>Type</label>
                  <select id={`${id}-type`} value={f.type} onChange={(e) => change(i, { type: e.currentTarget.value as FieldDraft['type'] })}>
                    <option value="text">Text</option>
                    <option value="email">Email</option>
                    <option value="select">Choice</option>
                  </select>
                </div>
                <label class="pa-check">
                  <input type="checkbox" checked={f.required} onChange={(e) => change(i, { required: e.currentTarget.checked })} /> Required
                </label>
              </div>
              {f.type === 'select' ? (
                <div class="pc-field">
                  <label for={`${id}-options`}>Choices (one per line)</label>
                  <textarea id={`${id}-options`} rows={3} value={f.options} onInput={(e) => change(i, { options: e.currentTarget.value })} />
                </div>
              ) : null}
              <FieldError id={id} error={err} />
              <div class="pa-actions">
                <button type="button" class="pc-secondary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move field ${i + 1} up`}>
                  ↑
                </button>
                <button type="button" class="pc-secondary" disabled={i === fields.length - 1} onClick={() => move(i, 1)} aria-label={`Move field ${i + 1} down`}>
                  ↓
                </button>
                <button type="button" class="pc-danger" onClick={() => setFields(fields.filter((_, j) => j !== i))} aria-label={`Remove field ${i + 1}`}>
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" class="pc-secondary" onClick={() => setFields([...fields, { name: '', label: '', type: 'text', required: false, options: '' }])}>
        Add a field
      </button>
    </fieldset>
  );
}

/** The website widget: colours, title, greeting, the pre-chat form, allowed origins and the install snippet. */
export function WidgetPage({ api }: { api: AdminApi }) {
  const [form, setForm] = useState<(Omit<WidgetSettings, 'prechatFields' | 'allowedOrigins'> & { origins: string }) | null>(null);
  const [fields, setFields] = useState<FieldDraft[]>([]);
  const [snippet, setSnippet] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState('');
  const show = (answer: { widget: WidgetSettings; snippet: string }) => {
    const { prechatFields, allowedOrigins, ...rest } = answer.widget;
    setForm({ ...rest, origins: allowedOrigins.join('\n') });
    setFields(prechatFields.map(toDraft));
    setSnippet(answer.snippet);
  };
  useEffect(() => {
    api.widget().then(show, (e: unknown) => setErrors({ form: messageOf(e) }));
  }, [api]);
  if (!form) return <section class="pa-page">{errors.form ? <FormError error={errors.form} /> : <p>Loading…</p>}</section>;
  const set = (patch: Partial<typeof form>) => {
    setForm({ ...form, ...patch });
    setSaved('');
  };
  const save = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setSaved('');
    const { origins, ...rest } = form;
    try {
      show(await api.saveWidget({ ...rest, prechatFields: fields.map(fromDraft), allowedOrigins: lines(origins) }));
      setSaved('Saved');
    } catch (error) {
      const names = ['primaryColor', 'accentColor', 'title', 'greeting', 'prechatFields', 'allowedOrigins', ...fields.map((_, i) => `prechatFields/${i}`)];
      setErrors(fieldErrorsOf(error, names));
    }
  };
  return (
    <section class="pa-page" aria-labelledby="pa-widget-title">
      <h2 id="pa-widget-title">Widget</h2>
      <form class="pa-form" onSubmit={(e) => void save(e)} aria-label="Widget settings">
        <div class="pa-grid">
          <ColourField id="pa-w-primary" label="Primary colour" value={form.primaryColor} onInput={(v) => set({ primaryColor: v })} error={errors.primaryColor} />
          <ColourField id="pa-w-accent" label="Accent colour" value={form.accentColor} onInput={(v) => set({ accentColor: v })} error={errors.accentColor} />
        </div>
        <Field id="pa-w-title" label="Title" value={form.title} onInput={(title) => set({ title })} error={errors.title} />
        <div class="pc-field">
          <label for="pa-w-greeting">Greeting</label>
          <textarea id="pa-w-greeting" rows={2} value={form.greeting} onInput={(e) => set({ greeting: e.currentTarget.value })} {...invalid('pa-w-greeting', errors.greeting)} />
          <FieldError id="pa-w-greeting" error={errors.greeting} />
        </div>
        <PrechatEditor
          fields={fields}
          setFields={(f) => {
            setFields(f);
            setSaved('');
          }}
          errors={errors}
        />
        <div class="pc-field">
          <label for="pa-w-origins">Allowed sites (one origin per line, like https://www.example.com)</label>
          <textarea id="pa-w-origins" rows={3} value={form.origins} onInput={(e) => set({ origins: e.currentTarget.value })} {...invalid('pa-w-origins', errors.allowedOrigins)} />
          <FieldError id="pa-w-origins" error={errors.allowedOrigins} />
        </div>
        <FormError error={errors.form} />
        <div class="pa-actions">
          <button type="submit" class="pc-primary">
            Save widget
          </button>
          <span role="status" class="pc-hint">
            {saved}
          </span>
        </div>
      </form>
      <CopyBox label="Install snippet" value={snippet} hint="Put this tag on every page of your site that shows the chat, and list the site above." />
    </section>
  );
}
