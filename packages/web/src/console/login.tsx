import { useState } from 'preact/hooks';

/** Sign-in with an agent access token (issued by an admin: `POST /v1/admin/users/:id/tokens`). */
export function Login({ error, onLogin }: { error: string; onLogin: (token: string) => Promise<void> }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <main class="pc-login">
      <form
        class="pc-card"
        aria-label="Sign in"
        onSubmit={(e) => {
          e.preventDefault();
          if (!token.trim()) return;
          setBusy(true);
          void onLogin(token.trim()).finally(() => setBusy(false));
        }}
      >
        <h1>Parley console</h1>
        <label for="pc-token">Agent access token</label>
        <textarea id="pc-token" rows={4} autoFocus value={token} onInput={(e) => setToken(e.currentTarget.value)} />
        <p class="pc-hint">Your administrator issues it with POST /v1/admin/users/&lt;your id&gt;/tokens.</p>
        {error ? (
          <div class="pw-field-error" role="alert">
            {error}
          </div>
        ) : null}
        <button type="submit" class="pc-primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
