import { useEffect, useState } from 'preact/hooks';
import type { AdminApi, AuditEntry } from './admin-api.js';
import { FormError, messageOf, when } from './admin-ui.js';

/** The audit log, newest first, fifty at a time: who did what to whom, from where. */
export function AuditPage({ api }: { api: AdminApi }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [error, setError] = useState('');
  const page = (before?: string) =>
    api.audit(before).then(
      (answer) => {
        setEntries((old) => (before ? [...(old ?? []), ...answer.entries] : answer.entries));
        setNext(answer.next);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  useEffect(() => {
    void page();
  }, [api]);
  return (
    <section class="pa-page" aria-labelledby="pa-audit-title">
      <h2 id="pa-audit-title">Audit log</h2>
      <FormError error={error} />
      {entries === null && !error ? <p>Loading…</p> : null}
      <ul class="pa-cards" aria-label="Audit entries">
        {entries?.length === 0 ? <li class="pc-empty">Nothing yet</li> : null}
        {(entries ?? []).map((e) => (
          <li key={e.id} class="pa-card-row pa-audit">
            <div class="pa-card-main">
              <strong data-field="action">{e.action}</strong> <span class="pc-hint">{when(e.at)}</span>
              <div class="pa-facts">
                <span>By {e.actor}</span>
                {e.target ? <span>On {e.target}</span> : null}
                {e.ip ? <span>From {e.ip}</span> : null}
              </div>
              {Object.keys(e.detail).length ? <code class="pa-detail">{JSON.stringify(e.detail)}</code> : null}
            </div>
          </li>
        ))}
      </ul>
      {next ? (
        <button type="button" class="pc-secondary" onClick={() => void page(next)}>
          Older entries
        </button>
      ) : null}
    </section>
  );
}
