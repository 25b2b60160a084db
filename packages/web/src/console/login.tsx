import { useState } from 'preact/hooks';
import { AccountForm, FormError, useAccountSend } from './account-form.js';
import type { ConsoleController } from './console-controller.js';
import { checkEmail, Field } from './form-field.js';

type Mode = 'password' | 'token' | 'forgot';

/**
 * The sign-in page: email and password; "Forgot password?" asks for a reset link; "Use an access
 * token" keeps the older way (a token an admin issued with POST /v1/admin/users/:id/tokens).
 */
export function Login({ ctl, notice }: { ctl: ConsoleController; notice: string }) {
  const [mode, setMode] = useState<Mode>('password');
  return (
    <main class="pc-login">
      <div class="pc-card">
        <h1>Parley console</h1>
        {notice ? (
          <div class="pc-notice" role="status">
            {notice}
          </div>
        ) : null}
        {mode === 'password' ? <PasswordForm ctl={ctl} onForgot={() => setMode('forgot')} /> : null}
        {mode === 'forgot' ? <ForgotForm ctl={ctl} onBack={() => setMode('password')} /> : null}
        {mode === 'token' ? <TokenForm ctl={ctl} /> : null}
        <button type="button" class="pc-link" aria-pressed={mode === 'token'} onClick={() => setMode(mode === 'token' ? 'password' : 'token')}>
          {mode === 'token' ? 'Sign in with email and password' : 'Use an access token'}
        </button>
      </div>
    </main>
  );
}

function PasswordForm({ ctl, onForgot }: { ctl: ConsoleController; onForgot: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, busy, send } = useAccountSend();
  const submit = () => send({ email: checkEmail(email), password: password ? undefined : 'Enter your password' }, () => ctl.signIn(email.trim(), password));
  return (
    <AccountForm label="Sign in" onSend={submit}>
      <Field id="pc-email" label="Email" type="email" autoComplete="username" autoFocus value={email} onInput={setEmail} error={errors.email} />
      <Field id="pc-password" label="Password" type="password" autoComplete="current-password" value={password} onInput={setPassword} error={errors.password} />
      <FormError errors={errors} />
      <button type="submit" class="pc-primary" disabled={busy}>
        Sign in
      </button>
      <button type="button" class="pc-link" onClick={onForgot}>
        Forgot password?
      </button>
    </AccountForm>
  );
}

function ForgotForm({ ctl, onBack }: { ctl: ConsoleController; onBack: () => void }) {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { errors, busy, send } = useAccountSend();
  const submit = () =>
    send({ email: checkEmail(email) }, async () => {
      await ctl.authApi.forgot(email.trim());
      setSent(true);
    });
  if (sent) {
    return (
      <div>
        <p role="status">If an account exists for {email.trim()}, we sent a link to reset its password. It works for one hour.</p>
        <button type="button" class="pc-link" onClick={onBack}>
          Back to sign-in
        </button>
      </div>
    );
  }
  return (
    <AccountForm label="Reset your password" onSend={submit}>
      <p class="pc-hint">Enter the email you sign in with; we send a link to choose a new password.</p>
      <Field id="pc-forgot-email" label="Email" type="email" autoComplete="username" autoFocus value={email} onInput={setEmail} error={errors.email} />
      <FormError errors={errors} />
      <button type="submit" class="pc-primary" disabled={busy}>
        Send the link
      </button>
      <button type="button" class="pc-link" onClick={onBack}>
        Back to sign-in
      </button>
    </AccountForm>
  );
}

function TokenForm({ ctl }: { ctl: ConsoleController }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      aria-label="Sign in with an access token"
      onSubmit={(e) => {
        e.preventDefault();
        if (!token.trim()) return;
        setBusy(true);
        void ctl.login(token.trim()).finally(() => setBusy(false));
      }}
    >
      <label for="pc-token">Agent access token</label>
      <textarea id="pc-token" rows={4} autoFocus value={token} onInput={(e) => setToken(e.currentTarget.value)} />
      <p class="pc-hint">Your administrator issues it with POST /v1/admin/users/&lt;your id&gt;/tokens.</p>
      <button type="submit" class="pc-primary" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}
