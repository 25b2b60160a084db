import { useEffect, useState } from 'preact/hooks';
import type { AdminApi, WebhookDelivery, WebhookEndpoint } from './admin-api.js';
import { ConfirmButton, FormError, SecretShownOnce, fieldErrorsOf, messageOf, when, type FieldErrors } from './admin-ui.js';
import { Field } from '../form-field.js';

/** The delivery log of one endpoint, newest first, with replay. */
function Deliveries({ api, endpoint }: { api: AdminApi; endpoint: WebhookEndpoint }) {
  const [list, setList] = useState<WebhookDelivery[] | null>(null);
  const [error, setError] = useState('');
  const load = () => api.deliveries(endpoint.id).then(setList, (e: unknown) => setError(messageOf(e)));
  useEffect(() => {
    void load();
  }, [endpoint.id]);
  return (
    <div class="pa-deliveries">
      <div class="pa-actions">
        <h4>Deliveries</h4>
        <button type="button" class="pc-secondary" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      <FormError error={error} />
      <ul class="pa-cards" aria-label={`Deliveries to ${endpoint.url}`}>
        {list?.length === 0 ? <li class="pc-empty">No deliveries yet</li> : null}
        {(list ?? []).map((d) => (
          <li key={d.id} class="pa-card-row">
            <div class="pa-card-main">
              <strong>{d.eventType}</strong> <span class={`pa-badge pa-${d.status}`}>{d.status}</span>
              <div class="pa-facts">
                <span>{when(d.createdAt)}</span>
                <span>
                  {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                </span>
                {d.lastStatusCode ? <span>HTTP {d.lastStatusCode}</span> : null}
                {d.lastError ? <span>{d.lastError}</span> : null}
                {d.replayOf ? <span>replay of {d.replayOf}</span> : null}
              </div>
            </div>
            <button
              type="button"
              class="pc-secondary"
              onClick={() => {
                setError('');
                api.replay(d.id).then(load, (e: unknown) => setError(messageOf(e)));
              }}
            >
              Replay
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function EndpointRow({ api, endpoint, onChanged }: { api: AdminApi; endpoint: WebhookEndpoint; onChanged: (secret?: { url: string; secret: string }) => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState('');
  const act = (fn: () => Promise<WebhookEndpoint | void>) => {
    setError('');
    fn().then(
      (e) => onChanged(e && e.secret ? { url: e.url, secret: e.secret } : undefined),
      (e: unknown) => setError(messageOf(e)),
    );
  };
  const state = !endpoint.active ? 'off' : endpoint.health.state;
  return (
    <li class="pa-card-row" aria-label={endpoint.url}>
      <div class="pa-card-main">
        <strong class="pa-url">{endpoint.url}</strong> <span class={`pa-badge pa-${state}`}>{state === 'off' ? 'paused by an admin' : state}</span>
        {endpoint.description ? <div class="pc-hint">{endpoint.description}</div> : null}
        <div class="pa-facts">
          <span>Events: {endpoint.events.join(', ')}</span>
          {endpoint.botUserId ? <span>Bot: {endpoint.botUserId}</span> : null}
          {endpoint.entryBot ? <span>Entry bot</span> : null}
          <span>Waiting: {endpoint.health.pending}</span>
          {endpoint.health.lastError ? <span>Last error: {endpoint.health.lastError}</span> : null}
        </div>
      </div>
      <div class="pa-actions">
        {endpoint.active ? (
          <button type="button" class="pc-secondary" onClick={() => act(() => api.updateWebhook(endpoint.id, { active: false }))}>
            Pause
          </button>
        ) : (
          <button type="button" class="pc-secondary" onClick={() => act(() => api.updateWebhook(endpoint.id, { active: true }))}>
            Resume
          </button>
        )}
        {endpoint.active && endpoint.health.state === 'paused' ? (
          <button type="button" class="pc-secondary" onClick={() => act(() => api.resumeWebhook(endpoint.id))}>
            Retry now
          </button>
        ) : null}
        <ConfirmButton label="Rotate secret" class="pc-secondary" confirm="Rotate the signing secret? The old one stops working at once." yes="Yes, rotate" onYes={() => act(() => api.rotateSecret(endpoint.id))} />
        <button type="button" class="pc-secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          Deliveries
        </button>
        <ConfirmButton label="Delete" confirm={`Delete the endpoint ${endpoint.url}?`} yes="Yes, delete" onYes={() => act(() => api.deleteWebhook(endpoint.id))} />
      </div>
      <FormError error={error} />
      {open ? <Deliveries api={api} endpoint={endpoint} /> : null}
    </li>
  );
}

const FIELDS = ['url', 'description', 'events', 'botUserId', 'entryBot'] as const;

/** Webhook endpoints: list, create (the secret shown once), pause/resume, rotate, the delivery log with replay. */
export function WebhooksPage({ api }: { api: AdminApi }) {
  const [list, setList] = useState<WebhookEndpoint[] | null>(null);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState('*');
  const [botUserId, setBotUserId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const load = () => api.webhooks().then(setList, (e: unknown) => setErrors({ form: messageOf(e) }));
  useEffect(() => {
    void load();
  }, [api]);
  const create = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    const list = events.split(/[\s,]+/).filter(Boolean);
    try {
      const made = await api.createWebhook({
        url: url.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(list.length ? { events: list } : {}),
        ...(botUserId.trim() ? { botUserId: botUserId.trim() } : {}),
      });
      if (made.secret) setSecret({ url: made.url, secret: made.secret });
      setUrl('');
      setDescription('');
      setBotUserId('');
      await load();
    } catch (error) {
      setErrors(fieldErrorsOf(error, FIELDS));
    }
  };
  return (
    <section class="pa-page" aria-labelledby="pa-wh-title">
      <h2 id="pa-wh-title">Webhooks</h2>
      {secret ? (
        <SecretShownOnce
          label={`Signing secret of ${secret.url}`}
          value={secret.secret}
          hint="Shown only now: your endpoint checks each delivery's signature with it (docs/webhooks.md)."
          onDone={() => setSecret(null)}
        />
      ) : null}
      <ul class="pa-cards" aria-label="Webhook endpoints">
        {list?.length === 0 ? <li class="pc-empty">No endpoints</li> : null}
        {(list ?? []).map((ep) => (
          <EndpointRow
            key={ep.id}
            api={api}
            endpoint={ep}
            onChanged={(s) => {
              if (s) setSecret(s);
              void load();
            }}
          />
        ))}
      </ul>
      <form class="pa-form" onSubmit={(e) => void create(e)} aria-label="Add a webhook endpoint">
        <h3>Add an endpoint</h3>
        <Field id="pa-wh-url" label="Endpoint URL" value={url} placeholder="https://bots.example.com/parley" onInput={setUrl} error={errors.url} />
        <Field id="pa-wh-desc" label="Description (optional)" value={description} onInput={setDescription} error={errors.description} />
        <div class="pa-grid">
          <Field id="pa-wh-events" label="Events (* for all, or names separated by commas)" value={events} onInput={setEvents} error={errors.events} />
          <Field id="pa-wh-bot" label="Bot user id (optional)" value={botUserId} onInput={setBotUserId} error={errors.botUserId} />
        </div>
        <FormError error={errors.form} />
        <div class="pa-actions">
          <button type="submit" class="pc-primary">
            Add endpoint
          </button>
        </div>
      </form>
    </section>
  );
}
