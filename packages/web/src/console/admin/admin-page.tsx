import { useMemo } from 'preact/hooks';
import type { ConsoleController } from '../console-controller.js';
import { AdminApi } from './admin-api.js';
import { AgentsPage } from './agents-page.js';
import { ApiKeysPage } from './api-keys-page.js';
import { AuditPage } from './audit-page.js';
import { DepartmentsPage } from './departments-page.js';
import { WebhooksPage } from './webhooks-page.js';
import { WidgetPage } from './widget-page.js';

export const ADMIN_TABS = [
  { id: 'agents', label: 'Agents' },
  { id: 'departments', label: 'Departments' },
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'widget', label: 'Widget' },
  { id: 'api-keys', label: 'API keys' },
  { id: 'audit', label: 'Audit log' },
] as const;
export type AdminTab = (typeof ADMIN_TABS)[number]['id'];

/** Roles that see the admin pages (the server decides again on every call). */
export function isAdminRole(role: string | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

/** The admin page an address names: `#/admin` (agents) or `#/admin/<tab>`; else null. */
export function adminRoute(hash: string): AdminTab | null {
  const match = /^#\/admin(?:\/([a-z-]+))?$/.exec(hash);
  if (!match) return null;
  return ADMIN_TABS.find((t) => t.id === match[1])?.id ?? 'agents';
}

/** The admin pages for owners and admins: a tab bar (links, so a reload stays on the page) and the page. */
export function AdminPage({ ctl, tab, role }: { ctl: ConsoleController; tab: AdminTab; role: string }) {
  const api = useMemo(() => new AdminApi(ctl.server, () => (ctl.auth ? ctl.auth.current() : Promise.resolve(''))), [ctl]);
  return (
    <div class="pa-admin">
      <nav class="pa-tabs" aria-label="Admin">
        <a href="#/" class="pa-back">
          ← Chats
        </a>
        {ADMIN_TABS.map((t) => (
          <a key={t.id} href={`#/admin/${t.id}`} class={t.id === tab ? 'pa-tab pa-current' : 'pa-tab'} aria-current={t.id === tab ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
      <main class="pa-body">
        {tab === 'agents' ? <AgentsPage api={api} myRole={role} myId={ctl.state.value.me?.id ?? ''} /> : null}
        {tab === 'departments' ? <DepartmentsPage api={api} /> : null}
        {tab === 'webhooks' ? <WebhooksPage api={api} /> : null}
        {tab === 'widget' ? <WidgetPage api={api} /> : null}
        {tab === 'api-keys' ? <ApiKeysPage api={api} /> : null}
        {tab === 'audit' ? <AuditPage api={api} /> : null}
      </main>
    </div>
  );
}
