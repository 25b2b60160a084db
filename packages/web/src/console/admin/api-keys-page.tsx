import { useEffect, useState } from 'preact/hooks';
import type { AdminApi, ApiKeyInfo } from './admin-api.js';
import { ConfirmButton, FormError, SecretShownOnce, fieldErrorsOf, messageOf, when, type FieldErrors } from './admin-ui.js';
import { Field } from '../form-field.js';

/** Admin API keys: the ones that work (name, date), a new one (its secret shown once), revoking one. */
export function ApiKeysPage({ api }: { api: AdminApi }) {
  const [keys, setKeys] = useState<ApiKeyInfo[] | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const load = () => api.apiKeys().then(setKeys, (e: unknown) => setErrors({ form: messageOf(e) }));
  useEffect(() => {
    void load();
  }, [api]);
  const create = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    try {
      const answer = await api.createApiKey(name.trim());
      setCreated({ name: name.trim(), key: answer.key });
      setName('');
      await load();
    } catch (error) {
      setErrors(fieldErrorsOf(error, ['name']));
    }
  };
  return (
    <section class="pa-page" aria-labelledby="pa-keys-title">
      <h2 id="pa-keys-title">API keys</h2>
      <p class="pc-hint">Keys let scripts and servers call the admin API. Anyone holding one acts as an admin of this tenant.</p>
      <form class="pa-form" onSubmit={(e) => void create(e)} aria-label="Create an API key">
        <Field id="pa-key-name" label="Key name" value={name} placeholder="deploy script" onInput={setName} error={errors.name} />
        <FormError error={errors.form} />
        <div class="pa-actions">
          <button type="submit" class="pc-primary">
            Create key
          </button>
        </div>
      </form>
      {created ? (
        <SecretShownOnce label={`New key "${created.name}"`} value={created.key} hint="Shown only now: copy it and keep it somewhere safe." onDone={() => setCreated(null)} />
      ) : null}
      <ul class="pa-cards" aria-label="API keys">
        {keys?.length === 0 ? <li class="pc-empty">No keys</li> : null}
        {(keys ?? []).map((k) => (
          <li key={k.id} class="pa-card-row" aria-label={k.name}>
            <div class="pa-card-main">
              <strong>{k.name}</strong>
              <div class="pc-hint">Created {when(k.createdAt)}</div>
            </div>
            <ConfirmButton
              label="Revoke"
              confirm={`Revoke "${k.name}"? Scripts using it stop working at once.`}
              yes="Yes, revoke"
              onYes={() => {
                setErrors({});
                api.revokeApiKey(k.id).then(load, (e: unknown) => setErrors({ form: messageOf(e) }));
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
