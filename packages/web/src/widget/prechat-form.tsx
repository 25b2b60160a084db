import { useEffect, useRef, useState } from 'preact/hooks';

/** Name (required), email and subject (optional), before the chat opens. */
export function PrechatForm(props: { busy: boolean; error: string; nickname: string; onStart: (v: { nickname: string; email?: string; subject?: string }) => void }) {
  const [nickname, setNickname] = useState(props.nickname);
  const [email, setEmail] = useState('');
  const [subject, setSubject] = useState('');
  const [problem, setProblem] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!nickname.trim()) return setProblem('Please tell us your name');
    if (email.trim() && !/^[^\s@]+@[^\s@]+$/.test(email.trim())) return setProblem('Please check your email address');
    setProblem('');
    props.onStart({ nickname: nickname.trim(), ...(email.trim() ? { email: email.trim() } : {}), ...(subject.trim() ? { subject: subject.trim() } : {}) });
  };
  const error = problem || props.error;
  return (
    <form class="pw-card" onSubmit={submit} noValidate aria-label="Start a chat">
      <p class="pw-lead">Hi! Tell us who you are and we will be right with you.</p>
      <label for="pw-name">Name</label>
      <input id="pw-name" ref={first} autoComplete="name" required maxLength={100} value={nickname} onInput={(e) => setNickname(e.currentTarget.value)} />
      <label for="pw-email">Email (optional)</label>
      <input id="pw-email" type="email" autoComplete="email" maxLength={254} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      <label for="pw-subject">Subject (optional)</label>
      <input id="pw-subject" maxLength={200} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
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
