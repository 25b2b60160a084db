import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../shared/chat-session.js';
import type { SessionInfo } from './auth-api.js';
import type { ConsoleController } from './console-controller.js';
import { describeAgent } from './user-agent.js';

function when(ms: number): string {
  return new Date(ms).toLocaleString();
}

/** The signed-in sessions of the user (browsers, apps): when and where from, and a way to end each. */
export function SessionsView({ ctl, onClose }: { ctl: ConsoleController; onClose: () => void }) {
  const [list, setList] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState('');
  const load = () =>
    ctl.sessions().then(
      (s) => setList(s),
      (e: unknown) => setError(messageOf(e)),
    );
  useEffect(() => {
    void load();
  }, [ctl]);
  return (
    <div class="pc-overlay" role="dialog" aria-modal="true" aria-label="Sessions">
      <section class="pc-card pc-sessions">
        <header class="pc-row">
          <h2>Sessions</h2>
          <button type="button" class="pc-secondary" onClick={onClose}>
            Close
          </button>
        </header>
        <p class="pc-hint">Where you are signed in. Ending a session signs that browser or app out.</p>
        {error ? (
          <div class="pw-field-error" role="alert">
            {error}
          </div>
        ) : null}
        {list === null && !error ? <p>Loading…</p> : null}
        <ul class="pc-list" aria-label="Signed-in sessions">
          {(list ?? []).map((s) => (
            <li key={s.id} class="pc-session">
              <div>
                <strong title={s.userAgent}>{describeAgent(s.userAgent)}</strong>
                {s.current ? <span class="pc-count"> this browser</span> : null}
                <div class="pc-hint">
                  {s.ip || 'unknown address'} · signed in {when(s.createdAt)} · last active {when(s.lastUsedAt)}
                </div>
              </div>
              {s.current ? null : (
                <button
                  type="button"
                  class="pc-danger"
                  aria-label={`End the session of ${describeAgent(s.userAgent)} (${s.ip || 'unknown address'})`}
                  onClick={() => {
                    setError('');
                    ctl.revokeSession(s.id).then(load, (e: unknown) => setError(messageOf(e)));
                  }}
                >
                  End
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
