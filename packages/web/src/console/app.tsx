import { useEffect, useRef, useState } from 'preact/hooks';
import { useObservable } from '../shared/observable.js';
import { AdminPage, adminRoute, isAdminRole } from './admin/admin-page.js';
import { ChatView } from './chat-view.js';
import type { ConsoleController } from './console-controller.js';
import { AcceptPage, ResetPage, SetupPage } from './link-pages.js';
import { linkRoute } from './link-route.js';
import { Login } from './login.js';
import { SessionsView } from './sessions-view.js';
import { Sidebar } from './sidebar.js';

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

/** The account menu: sessions, sign out here, sign out everywhere. */
function AccountMenu({ ctl, onSessions }: { ctl: ConsoleController; onSessions: () => void }) {
  const s = useObservable(ctl.state);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const full = ctl.auth?.refreshable ?? false;
  // An open menu closes on Escape and on a click anywhere else.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [open]);
  return (
    <div class="pc-menu" ref={box}>
      <button type="button" class="pc-menu-button" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span class="pc-me">{s.me?.nickname}</span> ▾
      </button>
      {open ? (
        <div class="pc-menu-list" role="menu">
          {s.account ? <div class="pc-menu-info">{s.account.email}</div> : null}
          {full ? (
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                onSessions();
              }}
            >
              Sessions
            </button>
          ) : null}
          <button type="button" role="menuitem" onClick={() => void ctl.logout()}>
            Sign out
          </button>
          {full ? (
            <button type="button" role="menuitem" onClick={() => void ctl.logoutAll()}>
              Sign out everywhere
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** The console: sign-in (and the pages links open), then the sidebar (status, queue, chats) and the selected chat. */
export function ConsoleApp({ ctl }: { ctl: ConsoleController }) {
  const s = useObservable(ctl.state);
  const hash = useHash();
  const [session, setSession] = useState(ctl.session);
  const [sessions, setSessions] = useState(false);
  useEffect(() => ctl.onSession(() => setSession(ctl.session)), [ctl]);
  const unread = s.chats.reduce((n, c) => n + c.unreadCount, 0);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Parley console` : 'Parley console';
  }, [unread]);
  const link = linkRoute(hash);
  if (link?.page === 'setup') return <SetupPage ctl={ctl} token={link.token} />;
  if (link?.page === 'accept') return <AcceptPage ctl={ctl} token={link.token} />;
  if (link?.page === 'reset') return <ResetPage ctl={ctl} token={link.token} />;
  if (!s.me) return s.restoring ? <main class="pc-login">Signing in…</main> : <Login ctl={ctl} notice={s.error} />;
  // Owners and admins also get the admin pages (`#/admin/…`); the server checks every call again.
  const role = s.account?.role ?? '';
  const admin = isAdminRole(role) ? adminRoute(hash) : null;
  return (
    <div class="pc-app">
      <header class="pc-top">
        <strong>Parley</strong>
        {isAdminRole(role) ? (
          <a class="pc-admin-link" href={admin ? '#/' : '#/admin'}>
            {admin ? 'Chats' : 'Admin'}
          </a>
        ) : null}
        <AccountMenu ctl={ctl} onSessions={() => setSessions(true)} />
      </header>
      {admin ? (
        <AdminPage ctl={ctl} tab={admin} role={role} />
      ) : (
        <div class={`pc-main ${session ? 'pc-has-chat' : ''}`}>
          <Sidebar ctl={ctl} />
          {session ? <ChatView key={session.chatId} ctl={ctl} session={session} /> : <div class="pc-placeholder">Select a chat from the queue or your chats.</div>}
        </div>
      )}
      {sessions ? <SessionsView ctl={ctl} onClose={() => setSessions(false)} /> : null}
    </div>
  );
}
