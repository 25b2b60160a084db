import { useEffect, useRef, useState } from 'preact/hooks';

/** When no agent is available: leave a message (name, email, text). */
export function OfflineForm(props: { sent: boolean; error: string; onSend: (v: { name: string; email: string; text: string }) => Promise<void> }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  if (props.sent) {
    return (
      <div class="pw-card" role="status">
        <p class="pw-lead">Thank you! We received your message and will answer by email.</p>
      </div>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim() || !text.trim()) return setProblem('Please fill in your name and your message');
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return setProblem('Please enter a valid email address');
    setProblem('');
    setBusy(true);
    try {
      await props.onSend({ name: name.trim(), email: email.trim(), text: text.trim() });
    } catch {
      // shown through props.error
    } finally {
      setBusy(false);
    }
  };
  const error = problem || props.error;
  return (
    <form class="pw-card" onSubmit={(e) => void submit(e)} noValidate aria-label="Leave a message">
      <p class="pw-lead">Nobody is available right now. Leave us a message and we will get back to you.</p>
      <label for="pw-off-name">Name</label>
      <input id="pw-off-name" ref={first} autoComplete="name" maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <label for="pw-off-email">Email</label>
      <input id="pw-off-email" type="email" autoComplete="email" maxLength={254} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      <label for="pw-off-text">Message</label>
      <textarea id="pw-off-text" rows={4} maxLength={4096} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      {error ? (
        <div class="pw-field-error" role="alert">
          {error}
        </div>
      ) : null}
      <button type="submit" class="pw-primary" disabled={busy}>
        Send message
      </button>
    </form>
  );
}
