import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { formErrorsOf } from './auth-errors.js';
import type { FormErrors } from './form-field.js';

/**
 * How every account form (sign-in, forgot password, set-up, invitation, reset) is sent: the
 * browser's own checks first and nothing sent while one fails; then one request at a time (its
 * button is off meanwhile), a refusal shown under its field or for the whole form.
 */
export function useAccountSend(): {
  errors: FormErrors;
  busy: boolean;
  send: (found: FormErrors, request: () => Promise<unknown>) => Promise<void>;
} {
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const send = async (found: FormErrors, request: () => Promise<unknown>): Promise<void> => {
    if (Object.values(found).some(Boolean)) return setErrors(found);
    setErrors({});
    setBusy(true);
    try {
      await request();
    } catch (error) {
      setErrors(formErrorsOf(error));
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, send };
}

/** An account form: our own checks speak plainer than the browser's (`noValidate`); sending stays on the page. */
export function AccountForm(props: { label: string; class?: string; onSend: () => Promise<void>; children: ComponentChildren }): JSX.Element {
  return (
    <form
      class={props.class}
      aria-label={props.label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSend();
      }}
    >
      {props.children}
    </form>
  );
}

/** The whole form's error (not about one field). */
export function FormError({ errors }: { errors: FormErrors }): JSX.Element | null {
  return errors.form ? (
    <div class="pw-field-error" role="alert">
      {errors.form}
    </div>
  ) : null;
}
