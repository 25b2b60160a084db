import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { AuthError } from '../auth-api.js';

/**
 * Small pieces every admin page uses: the errors of a form by field (the server's E_VALIDATION
 * `path`, `/primaryColor` → `primaryColor`, `/prechatFields/1/name` → `prechatFields/1/name`), an
 * error shown next to its field, a copy button, dates.
 */

export type FieldErrors = Record<string, string>;

/** A refusal as a form shows it: under the field the server named, else for the whole form. */
export function fieldErrorsOf(error: unknown, fields: readonly string[]): FieldErrors {
  if (!(error instanceof AuthError)) return { form: error instanceof Error ? error.message : String(error) };
  const path = error.path?.replace(/^\//, '') ?? '';
  if (error.code === 'E_VALIDATION' && path) {
    // The deepest field of the form the path is inside of (`/departments/0` is about `departments`).
    const field = [...fields].sort((a, b) => b.length - a.length).find((f) => path === f || path.startsWith(`${f}/`));
    if (field) return { [field]: error.message };
  }
  return { form: error.message };
}

/** The message of any refusal, for a line of text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function when(ms: number | null | undefined): string {
  return ms ? new Date(ms).toLocaleString() : '—';
}

/** An error under its field, tied to it by id (`aria-describedby` of the input names it). */
export function FieldError({ id, error }: { id: string; error?: string | undefined }): JSX.Element | null {
  return error ? (
    <div class="pw-field-error" id={`${id}-error`} role="alert">
      {error}
    </div>
  ) : null;
}

/** The props that tie an input to its error. */
export function invalid(id: string, error?: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
  return error ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {};
}

/** The whole form's error (not about one field). */
export function FormError({ error }: { error?: string | undefined }): JSX.Element | null {
  return error ? (
    <div class="pw-field-error pa-form-error" role="alert">
      {error}
    </div>
  ) : null;
}

/** A secret or snippet shown once, with a button that copies it. */
export function CopyBox({ label, value, hint }: { label: string; value: string; hint?: ComponentChildren }): JSX.Element {
  const [copied, setCopied] = useState('');
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('Copied'),
      () => setCopied('Select the text and copy it'),
    );
  };
  return (
    <div class="pa-copy">
      <label>
        {label}
        <textarea readOnly rows={value.length > 80 ? 3 : 1} value={value} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div class="pa-actions">
        <button type="button" class="pc-secondary" onClick={copy}>
          Copy
        </button>
        <span class="pc-hint" role="status">
          {copied}
        </span>
      </div>
      {hint ? <p class="pc-hint">{hint}</p> : null}
    </div>
  );
}

/** A secret the server shows once (a new API key, a signing secret), kept on screen until the admin says Done. */
export function SecretShownOnce(props: { label: string; value: string; hint: string; onDone: () => void }): JSX.Element {
  return (
    <div class="pa-result">
      <CopyBox label={props.label} value={props.value} hint={props.hint} />
      <button type="button" class="pc-secondary" onClick={props.onDone}>
        Done
      </button>
    </div>
  );
}

/** A destructive action that asks first, in place (no browser dialog). */
export function ConfirmButton(props: { label: string; confirm: string; yes: string; onYes: () => void; class?: string }): JSX.Element {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class={props.class ?? 'pc-danger'} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span class="pa-confirm" role="group" aria-label={props.confirm}>
      <span>{props.confirm}</span>
      <button
        type="button"
        class="pc-danger"
        onClick={() => {
          setAsking(false);
          props.onYes();
        }}
      >
        {props.yes}
      </button>
      <button type="button" class="pc-secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
