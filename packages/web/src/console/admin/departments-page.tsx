import { useEffect, useState } from 'preact/hooks';
import type { AdminApi, Department } from './admin-api.js';
import { FormError, fieldErrorsOf, messageOf, type FieldErrors } from './admin-ui.js';
import { Field } from '../form-field.js';

type Routing = 'auto' | 'manual';

function RoutingSelect({ id, value, onChange }: { id: string; value: Routing; onChange: (r: Routing) => void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as Routing)}>
      <option value="auto">Automatic (to an available agent)</option>
      <option value="manual">Manual (agents pick from the queue)</option>
    </select>
  );
}

function DepartmentRow({ api, department, onSaved }: { api: AdminApi; department: Department; onSaved: () => void }) {
  const [name, setName] = useState(department.name);
  const [routing, setRouting] = useState<Routing>(department.routing);
  const [errors, setErrors] = useState<FieldErrors>({});
  const id = `pa-dept-${department.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const save = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    try {
      await api.updateDepartment(department.id, { ...(name !== department.name ? { name: name.trim() } : {}), ...(routing !== department.routing ? { routing } : {}) });
      onSaved();
    } catch (error) {
      setErrors(fieldErrorsOf(error, ['name', 'routing']));
    }
  };
  return (
    <li class="pa-card-row">
      <form class="pa-form pa-inline-form" onSubmit={(e) => void save(e)} aria-label={`Department ${department.name}`}>
        <div class="pa-grid">
          <Field id={`${id}-name`} label="Name" value={name} onInput={setName} error={errors.name} />
          <div class="pc-field">
            <label for={`${id}-routing`}>Routing</label>
            <RoutingSelect id={`${id}-routing`} value={routing} onChange={setRouting} />
          </div>
        </div>
        <FormError error={errors.form} />
        <div class="pa-actions">
          <button type="submit" class="pc-secondary" disabled={name === department.name && routing === department.routing}>
            Save
          </button>
          <span class="pc-hint">id {department.id}</span>
        </div>
      </form>
    </li>
  );
}

/** Departments (queues with their routing) and the entry bot that greets new live chats. */
export function DepartmentsPage({ api }: { api: AdminApi }) {
  const [list, setList] = useState<Department[] | null>(null);
  const [name, setName] = useState('');
  const [routing, setRouting] = useState<Routing>('auto');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [bot, setBot] = useState('');
  const [botErrors, setBotErrors] = useState<FieldErrors>({});
  const [botDone, setBotDone] = useState('');
  const load = () => api.departments().then(setList, (e: unknown) => setErrors({ form: messageOf(e) }));
  useEffect(() => {
    void load();
  }, [api]);
  const create = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    try {
      await api.createDepartment({ name: name.trim(), routing });
      setName('');
      await load();
    } catch (error) {
      setErrors(fieldErrorsOf(error, ['name', 'routing']));
    }
  };
  const setEntryBot = async (userId: string | null) => {
    setBotErrors({});
    setBotDone('');
    try {
      await api.setEntryBot(userId);
      setBotDone(userId ? `New live chats start with ${userId}.` : 'New live chats go straight to the queue.');
    } catch (error) {
      setBotErrors(fieldErrorsOf(error, ['userId']));
    }
  };
  return (
    <section class="pa-page" aria-labelledby="pa-dept-title">
      <h2 id="pa-dept-title">Departments</h2>
      <ul class="pa-cards" aria-label="Departments">
        {list?.length === 0 ? <li class="pc-empty">No departments: one queue for the whole tenant.</li> : null}
        {(list ?? []).map((d) => (
          <DepartmentRow key={`${d.id}:${d.name}:${d.routing}`} api={api} department={d} onSaved={() => void load()} />
        ))}
      </ul>
      <form class="pa-form" onSubmit={(e) => void create(e)} aria-label="Add a department">
        <h3>Add a department</h3>
        <div class="pa-grid">
          <Field id="pa-dept-new-name" label="Department name" value={name} onInput={setName} error={errors.name} />
          <div class="pc-field">
            <label for="pa-dept-new-routing">Routing</label>
            <RoutingSelect id="pa-dept-new-routing" value={routing} onChange={setRouting} />
          </div>
        </div>
        <FormError error={errors.form} />
        <div class="pa-actions">
          <button type="submit" class="pc-primary">
            Add department
          </button>
        </div>
      </form>
      <form
        class="pa-form"
        aria-label="Entry bot"
        onSubmit={(e) => {
          e.preventDefault();
          void setEntryBot(bot.trim() || null);
        }}
      >
        <h3>Entry bot</h3>
        <p class="pc-hint">A bot user that answers new live chats first and hands over to agents (its webhook endpoint speaks for it; see Webhooks).</p>
        <Field id="pa-entry-bot" label="Bot user id" value={bot} onInput={setBot} error={botErrors.userId} />
        <FormError error={botErrors.form} />
        <div class="pa-actions">
          <button type="submit" class="pc-primary" disabled={!bot.trim()}>
            Set entry bot
          </button>
          <button type="button" class="pc-secondary" onClick={() => void setEntryBot(null)}>
            No entry bot
          </button>
          <span role="status" class="pc-hint">
            {botDone}
          </span>
        </div>
      </form>
    </section>
  );
}
