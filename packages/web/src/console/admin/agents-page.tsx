import { useEffect, useState } from 'preact/hooks';
import type { AdminApi, Department, Invitation, StaffAccount, StaffRole } from './admin-api.js';
import { ConfirmButton, CopyBox, FieldError, FormError, fieldErrorsOf, invalid, messageOf, when, type FieldErrors } from './admin-ui.js';
import { Field } from '../form-field.js';

const ROLE_NAMES: Record<StaffRole, string> = { owner: 'Owner', admin: 'Admin', supervisor: 'Supervisor', agent: 'Agent' };

/** The roles this admin may give: only an owner makes owners. */
function rolesFor(myRole: string): StaffRole[] {
  return myRole === 'owner' ? ['agent', 'supervisor', 'admin', 'owner'] : ['agent', 'supervisor', 'admin'];
}

function RoleSelect({ id, value, myRole, onChange, error }: { id: string; value: StaffRole; myRole: string; onChange: (r: StaffRole) => void; error?: string }) {
  const roles = rolesFor(myRole);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as StaffRole)} {...invalid(id, error)}>
      {(roles.includes(value) ? roles : [value, ...roles]).map((r) => (
        <option key={r} value={r}>
          {ROLE_NAMES[r]}
        </option>
      ))}
    </select>
  );
}

/** Department check boxes (the queues a person serves). */
function DepartmentPicks({ id, all, value, onChange, error }: { id: string; all: Department[]; value: string[]; onChange: (v: string[]) => void; error?: string }) {
  if (all.length === 0) return <p class="pc-hint">No departments yet: every agent serves the tenant's one queue.</p>;
  return (
    <fieldset class="pa-checks" id={id} {...invalid(id, error)}>
      <legend>Departments</legend>
      {all.map((d) => (
        <label key={d.id}>
          <input
            type="checkbox"
            checked={value.includes(d.id)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...value, d.id] : value.filter((x) => x !== d.id))}
          />{' '}
          {d.name}
        </label>
      ))}
    </fieldset>
  );
}

const INVITE_FIELDS = ['email', 'role', 'name', 'departments', 'maxChats'] as const;

function InviteForm({ api, myRole, departments, onInvited }: { api: AdminApi; myRole: string; departments: Department[]; onInvited: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('agent');
  const [picked, setPicked] = useState<string[]>([]);
  const [maxChats, setMaxChats] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ email: string; mailed: boolean; link?: string } | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const max = maxChats.trim() === '' ? undefined : Number(maxChats);
    if (max !== undefined && !Number.isInteger(max)) return setErrors({ maxChats: 'Enter a whole number' });
    setErrors({});
    setBusy(true);
    try {
      const answer = await api.invite({
        email: email.trim(),
        role,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(picked.length ? { departments: picked } : {}),
        ...(max === undefined ? {} : { maxChats: max }),
      });
      setResult({ email: answer.invitation.email, mailed: answer.mailed, ...(answer.link ? { link: answer.link } : {}) });
      setEmail('');
      setName('');
      setPicked([]);
      setMaxChats('');
      onInvited();
    } catch (error) {
      setErrors(fieldErrorsOf(error, INVITE_FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="pa-form" onSubmit={(e) => void submit(e)} aria-label="Invite someone">
      <h3>Invite someone</h3>
      <div class="pa-grid">
        <Field id="pa-invite-email" label="Email" type="email" value={email} onInput={setEmail} error={errors.email} />
        <Field id="pa-invite-name" label="Name (optional)" value={name} onInput={setName} error={errors.name} />
        <div class="pc-field">
          <label for="pa-invite-role">Role</label>
          <RoleSelect id="pa-invite-role" value={role} myRole={myRole} onChange={setRole} error={errors.role} />
          <FieldError id="pa-invite-role" error={errors.role} />
        </div>
        <Field id="pa-invite-max" label="Max chats at once (optional)" inputMode="numeric" value={maxChats} onInput={setMaxChats} error={errors.maxChats} />
      </div>
      <DepartmentPicks id="pa-invite-departments" all={departments} value={picked} onChange={setPicked} error={errors.departments} />
      <FieldError id="pa-invite-departments" error={errors.departments} />
      <FormError error={errors.form} />
      <div class="pa-actions">
        <button type="submit" class="pc-primary" disabled={busy}>
          Send invitation
        </button>
      </div>
      {result ? (
        <div class="pa-result" role="status">
          {result.mailed ? (
            <p>Invitation mailed to {result.email}.</p>
          ) : result.link ? (
            <CopyBox label={`Invitation link for ${result.email}`} value={result.link} hint="No mail server is set up: pass this link on to them. It works once, for 7 days." />
          ) : (
            <p>The invitation for {result.email} is made, but the mail could not be sent. Revoke it and try again later.</p>
          )}
        </div>
      ) : null}
    </form>
  );
}

const EDIT_FIELDS = ['role', 'departments', 'maxChats', 'name'] as const;

function AccountEditor({ api, account, myRole, departments, onDone }: { api: AdminApi; account: StaffAccount; myRole: string; departments: Department[]; onDone: (changed: boolean) => void }) {
  const [role, setRole] = useState<StaffRole>(account.role);
  const [picked, setPicked] = useState(account.departments);
  const [maxChats, setMaxChats] = useState(String(account.maxChats));
  const [errors, setErrors] = useState<FieldErrors>({});
  const id = `pa-edit-${account.userId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const save = async (e: Event) => {
    e.preventDefault();
    const max = Number(maxChats);
    if (maxChats.trim() === '' || !Number.isInteger(max)) return setErrors({ maxChats: 'Enter a whole number' });
    const patch = {
      ...(role !== account.role ? { role } : {}),
      ...(picked.join() !== account.departments.join() ? { departments: picked } : {}),
      ...(max !== account.maxChats ? { maxChats: max } : {}),
    };
    if (Object.keys(patch).length === 0) return onDone(false);
    try {
      await api.updateAccount(account.userId, patch);
      onDone(true);
    } catch (error) {
      setErrors(fieldErrorsOf(error, EDIT_FIELDS));
    }
  };
  return (
    <form class="pa-form pa-inline-form" onSubmit={(e) => void save(e)} aria-label={`Change ${account.name || account.email}`}>
      <div class="pa-grid">
        <div class="pc-field">
          <label for={`${id}-role`}>Role</label>
          <RoleSelect id={`${id}-role`} value={role} myRole={myRole} onChange={setRole} error={errors.role} />
          <FieldError id={`${id}-role`} error={errors.role} />
        </div>
        <Field id={`${id}-max`} label="Max chats at once" inputMode="numeric" value={maxChats} onInput={setMaxChats} error={errors.maxChats} />
      </div>
      <DepartmentPicks id={`${id}-departments`} all={departments} value={picked} onChange={setPicked} error={errors.departments} />
      <FieldError id={`${id}-departments`} error={errors.departments} />
      <FormError error={errors.form} />
      <div class="pa-actions">
        <button type="submit" class="pc-primary">
          Save
        </button>
        <button type="button" class="pc-secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Agents: the accounts (role, status, online, departments, max chats) and their changes, invitations. */
export function AgentsPage({ api, myRole, myId }: { api: AdminApi; myRole: string; myId: string }) {
  const [accounts, setAccounts] = useState<StaffAccount[] | null>(null);
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState('');
  const load = async () => {
    try {
      const [a, i, d] = await Promise.all([api.accounts(), api.invitations(), api.departments()]);
      setAccounts(a);
      setInvitations(i);
      setDepartments(d);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useEffect(() => {
    void load();
  }, [api]);
  const act = (fn: () => Promise<unknown>) => {
    setError('');
    fn().then(load, (e: unknown) => setError(messageOf(e)));
  };
  const deptName = (id: string) => departments.find((d) => d.id === id)?.name ?? id;
  return (
    <section class="pa-page" aria-labelledby="pa-agents-title">
      <h2 id="pa-agents-title">Agents</h2>
      <FormError error={error} />
      {accounts === null && !error ? <p>Loading…</p> : null}
      <ul class="pa-cards" aria-label="Accounts">
        {(accounts ?? []).map((a) => (
          <li key={a.userId} class="pa-card-row" aria-label={a.email}>
            <div class="pa-card-main">
              <div>
                <strong>{a.name || a.email}</strong> <span class={`pa-badge pa-${a.status}`}>{a.status}</span>{' '}
                {a.online ? <span class="pa-badge pa-online">online</span> : null}
              </div>
              <div class="pc-hint">{a.email}</div>
              <div class="pa-facts">
                <span>
                  Role: <span data-field="role">{ROLE_NAMES[a.role]}</span>
                </span>
                <span>Max chats: {a.maxChats}</span>
                <span>Departments: {a.departments.length ? a.departments.map(deptName).join(', ') : 'all'}</span>
                <span>Last sign-in: {when(a.lastLoginAt)}</span>
              </div>
            </div>
            <div class="pa-actions">
              <button type="button" class="pc-secondary" onClick={() => setEditing(editing === a.userId ? null : a.userId)} aria-expanded={editing === a.userId}>
                Change
              </button>
              {a.userId === myId ? null : a.status === 'deactivated' ? (
                <button type="button" class="pc-secondary" onClick={() => act(() => api.reactivate(a.userId))}>
                  Reactivate
                </button>
              ) : (
                <ConfirmButton
                  label="Deactivate"
                  confirm={`Deactivate ${a.name || a.email}? They are signed out everywhere and their open chats go back to the queue.`}
                  yes="Yes, deactivate"
                  onYes={() => act(() => api.deactivate(a.userId))}
                />
              )}
            </div>
            {editing === a.userId ? (
              <AccountEditor
                api={api}
                account={a}
                myRole={myRole}
                departments={departments}
                onDone={(changed) => {
                  setEditing(null);
                  if (changed) void load();
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
      <InviteForm api={api} myRole={myRole} departments={departments} onInvited={() => void load()} />
      <h3>Pending invitations</h3>
      <ul class="pa-cards" aria-label="Pending invitations">
        {invitations.length === 0 ? <li class="pc-empty">None</li> : null}
        {invitations.map((i) => (
          <li key={i.id} class="pa-card-row">
            <div class="pa-card-main">
              <strong>{i.email}</strong> <span class="pa-badge">{ROLE_NAMES[i.role]}</span>
              <div class="pc-hint">
                Sent {when(i.createdAt)} · expires {when(i.expiresAt)}
              </div>
            </div>
            <ConfirmButton label="Revoke" confirm={`Revoke the invitation of ${i.email}?`} yes="Yes, revoke" onYes={() => act(() => api.revokeInvitation(i.id))} />
          </li>
        ))}
      </ul>
    </section>
  );
}
