import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PrechatField } from '@parley/protocol';
import type { StartInput } from './controller.js';

/** The form the widget always had, until the tenant's settings are read (and if they cannot be). */
export const BUILT_IN_FIELDS: PrechatField[] = [
  { name: 'name', label: 'Name', type: 'text', required: true },
  { name: 'email', label: 'Email', type: 'email', required: false },
  { name: 'subject', label: 'Subject', type: 'text', required: false },
];
export const BUILT_IN_GREETING = 'Hi! Tell us who you are and we will be right with you.';

/** How long an answer may be: what the server takes for the field it fills, else a line of text. */
const MAX_LENGTH: Record<string, number> = { name: 100, email: 254, subject: 200 };
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * The answers as the start of a chat: `name`, `email` and `subject` fill the visitor's nickname and
 * email and the chat's subject; the tenant's own fields become one `Label: answer` line each, the
 * chat's first message, so the agent reads them with the chat. Without a `name` field the visitor
 * is "Visitor".
 */
export function startInputOf(fields: readonly PrechatField[], values: Readonly<Record<string, string>>): StartInput {
  const value = (name: string) => (values[name] ?? '').trim();
  const details = fields
    .filter((f) => !['name', 'email', 'subject'].includes(f.name) && value(f.name))
    .map((f) => `${f.label}: ${value(f.name)}`)
    .join('\n');
  return {
    nickname: value('name') || 'Visitor',
    ...(value('email') ? { email: value('email') } : {}),
    ...(value('subject') ? { subject: value('subject') } : {}),
    ...(details ? { details } : {}),
  };
}

/** What is wrong with the answers, for the visitor; empty when nothing is. */
export function problemOf(fields: readonly PrechatField[], values: Readonly<Record<string, string>>): string {
  for (const f of fields) {
    const v = (values[f.name] ?? '').trim();
    if (f.required && !v) return f.name === 'name' ? 'Please tell us your name' : `Please fill in ${f.label}`;
    if (v && f.type === 'email' && !EMAIL.test(v)) return f.name === 'email' ? 'Please check your email address' : `Please check ${f.label}`;
    if (v && f.type === 'select' && !(f.options ?? []).includes(v)) return `Please choose ${f.label}`;
  }
  return '';
}

/** The pre-chat form, as the tenant set it up: its greeting and fields, before the chat opens. */
export function PrechatForm(props: {
  busy: boolean;
  error: string;
  nickname: string;
  greeting?: string | undefined;
  fields?: readonly PrechatField[] | undefined;
  onStart: (v: StartInput) => void;
}) {
  const fields = props.fields ?? BUILT_IN_FIELDS;
  const [values, setValues] = useState<Record<string, string>>({ name: props.nickname });
  const [problem, setProblem] = useState('');
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector<HTMLElement>('input,select')?.focus(), []);
  const submit = (e: Event) => {
    e.preventDefault();
    const wrong = problemOf(fields, values);
    setProblem(wrong);
    if (!wrong) props.onStart(startInputOf(fields, values));
  };
  const error = problem || props.error;
  const greeting = props.greeting ?? BUILT_IN_GREETING;
  return (
    <form ref={form} class="pw-card" onSubmit={submit} noValidate aria-label="Start a chat">
      {greeting ? <p class="pw-lead">{greeting}</p> : null}
      {fields.map((f) => {
        const id = `pw-f-${f.name}`;
        const label = f.required || f.name === 'name' ? f.label : `${f.label} (optional)`;
        const value = values[f.name] ?? '';
        const set = (v: string) => setValues((prev) => ({ ...prev, [f.name]: v }));
        const input = { id, required: f.required, value, maxLength: MAX_LENGTH[f.name] ?? 500, onInput: (e: { currentTarget: HTMLInputElement }) => set(e.currentTarget.value) };
        return (
          <Fragment key={f.name}>
            <label for={id}>{label}</label>
            {f.type === 'select' ? (
              <select id={id} required={f.required} value={value} onChange={(e) => set(e.currentTarget.value)}>
                <option value="">—</option>
                {(f.options ?? []).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : f.type === 'email' ? (
              <input {...input} type="email" autoComplete="email" />
            ) : (
              <input {...input} type="text" autoComplete={f.name === 'name' ? 'name' : 'off'} />
            )}
          </Fragment>
        );
      })}
      {error ? (
        <div class="pw-field-error" role="alert">
          {error}
        </div>
      ) : null}
      <button type="submit" class="pw-primary" disabled={props.busy}>
        {props.busy ? 'Starting…' : 'Start chat'}
      </button>
    </form>
  );
}
