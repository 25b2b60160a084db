import type { JSX } from 'preact';

/** A labelled input with its error under it (announced, and tied to the input for screen readers). */
export function Field(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  autoFocus?: boolean;
  hint?: string;
  placeholder?: string;
  inputMode?: 'numeric';
}): JSX.Element {
  const described = props.error ? `${props.id}-error` : props.hint ? `${props.id}-hint` : undefined;
  const common = {
    id: props.id,
    value: props.value,
    autoComplete: props.autoComplete,
    autoFocus: props.autoFocus,
    placeholder: props.placeholder,
    inputMode: props.inputMode,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': described,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="pc-field">
      <label for={props.id}>{props.label}</label>
      {props.type === 'password' ? <input type="password" {...common} /> : props.type === 'email' ? (
        <input type="email" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
      {props.error ? (
        <div class="pw-field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </div>
      ) : props.hint ? (
        <p class="pc-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** Errors by field (`email`, `password`, `name`) plus one for the whole form (`form`). */
export type FormErrors = Partial<Record<'email' | 'password' | 'name' | 'form', string>>;

/** Checks the browser can make before asking the server (the server checks again, and more). */
export function checkEmail(email: string): string | undefined {
  if (!email.trim()) return 'Enter your email address';
  if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return 'Enter an email address like name@example.com';
  return undefined;
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export function checkNewPassword(password: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters`;
  return undefined;
}
