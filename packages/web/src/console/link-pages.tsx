import { useEffect, useState } from 'preact/hooks';
import { AccountForm, FormError, useAccountSend } from './account-form.js';
import type { LinkInfo } from './auth-api.js';
import { formErrorsOf } from './auth-errors.js';
import type { ConsoleController } from './console-controller.js';
import { checkEmail, checkNewPassword, Field, PASSWORD_MAX, PASSWORD_MIN } from './form-field.js';

/**
 * The pages a single-use link opens (`#/setup?token=`, `#/accept?token=`, `#/reset?token=`): the
 * owner's first-run set-up, an invitation, a password reset. The secret stays in the fragment, so
 * it never reaches a server log; the page sends it in a request body.
 */

const PASSWORD_HINT = `${PASSWORD_MIN}–${PASSWORD_MAX} characters; not a common password, nor your email's name.`;

/** Leaves the link's page for the console (the fragment held the secret: drop it from history). */
function leaveLink(): void {
  history.replaceState(null, '', location.pathname + location.search);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function SetupPage({ ctl, token }: { ctl: ConsoleController; token: string }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, busy, send } = useAccountSend();
  const submit = () =>
    send({ name: name.trim() ? undefined : 'Enter your name', email: checkEmail(email), password: checkNewPassword(password) }, async () => {
      const signed = await ctl.authApi.setup({ token, name: name.trim(), email: email.trim(), password });
      leaveLink();
      await ctl.adopt(signed);
    });
  return (
    <main class="pc-login">
      <AccountForm class="pc-card" label="Set up Parley" onSend={submit}>
        <h1>Welcome to Parley</h1>
        <p class="pc-hint">Create the owner's account: you can invite your team next.</p>
        <Field id="pc-setup-name" label="Your name" autoComplete="name" autoFocus value={name} onInput={setName} error={errors.name} />
        <Field id="pc-setup-email" label="Email" type="email" autoComplete="username" value={email} onInput={setEmail} error={errors.email} />
        <Field id="pc-setup-password" label="Password" type="password" autoComplete="new-password" value={password} onInput={setPassword} error={errors.password} hint={PASSWORD_HINT} />
        <FormError errors={errors} />
        <button type="submit" class="pc-primary" disabled={busy}>
          Create the account
        </button>
      </AccountForm>
    </main>
  );
}

/** Reads what a link is for (the email and tenant it belongs to); an unusable link says so. */
function useLink(ctl: ConsoleController, token: string): { info: LinkInfo | null; error: string } {
  const [info, setInfo] = useState<LinkInfo | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    ctl.authApi.link(token).then(
      (i) => live && setInfo(i),
      (e: unknown) => live && setError(formErrorsOf(e).form ?? 'This link cannot be used'),
    );
    return () => {
      live = false;
    };
  }, [ctl, token]);
  return { info, error };
}

function LinkProblem({ message }: { message: string }) {
  return (
    <main class="pc-login">
      <div class="pc-card">
        <h1>Parley console</h1>
        <div class="pw-field-error" role="alert">
          {message}
        </div>
        <button type="button" class="pc-link" onClick={leaveLink}>
          Go to sign-in
        </button>
      </div>
    </main>
  );
}

export function AcceptPage({ ctl, token }: { ctl: ConsoleController; token: string }) {
  const { info, error } = useLink(ctl, token);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { errors, busy, send } = useAccountSend();
  if (error) return <LinkProblem message={error} />;
  if (!info) return <main class="pc-login">Loading…</main>;
  const submit = () =>
    send({ name: name.trim() ? undefined : 'Enter your name', password: checkNewPassword(password) }, async () => {
      const signed = await ctl.authApi.accept({ token, password, name: name.trim() });
      leaveLink();
      await ctl.adopt(signed);
    });
  return (
    <main class="pc-login">
      <AccountForm class="pc-card" label="Accept the invitation" onSend={submit}>
        <h1>Join {info.tenantName}</h1>
        <p class="pc-hint">
          You were invited as {info.role} with <strong>{info.email}</strong>. Choose your name and a password.
        </p>
        <Field id="pc-accept-name" label="Your name" autoComplete="name" autoFocus value={name} onInput={setName} error={errors.name} />
        <Field id="pc-accept-password" label="Password" type="password" autoComplete="new-password" value={password} onInput={setPassword} error={errors.password} hint={PASSWORD_HINT} />
        <FormError errors={errors} />
        <button type="submit" class="pc-primary" disabled={busy}>
          Join
        </button>
      </AccountForm>
    </main>
  );
}

export function ResetPage({ ctl, token }: { ctl: ConsoleController; token: string }) {
  const { info, error } = useLink(ctl, token);
  const [password, setPassword] = useState('');
  const { errors, busy, send } = useAccountSend();
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <main class="pc-login">
        <div class="pc-card">
          <h1>Password changed</h1>
          <p role="status">Your new password is set, and every earlier session was signed out. Sign in with it now.</p>
          <button type="button" class="pc-primary" onClick={leaveLink}>
            Go to sign-in
          </button>
        </div>
      </main>
    );
  }
  if (error) return <LinkProblem message={error} />;
  if (!info) return <main class="pc-login">Loading…</main>;
  const submit = () =>
    send({ password: checkNewPassword(password) }, async () => {
      await ctl.authApi.reset({ token, password });
      setDone(true);
    });
  return (
    <main class="pc-login">
      <AccountForm class="pc-card" label="Choose a new password" onSend={submit}>
        <h1>Choose a new password</h1>
        <p class="pc-hint">For {info.email}.</p>
        <Field id="pc-reset-password" label="New password" type="password" autoComplete="new-password" autoFocus value={password} onInput={setPassword} error={errors.password} hint={PASSWORD_HINT} />
        <FormError errors={errors} />
        <button type="submit" class="pc-primary" disabled={busy}>
          Save the password
        </button>
      </AccountForm>
    </main>
  );
}
