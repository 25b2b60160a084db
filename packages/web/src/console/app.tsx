import { useEffect, useState } from 'preact/hooks';
import { useObservable } from '../shared/observable.js';
import { ChatView } from './chat-view.js';
import type { ConsoleController } from './console-controller.js';
import { Login } from './login.js';
import { Sidebar } from './sidebar.js';

/** The console: sign-in, then the sidebar (status, queue, chats) and the selected chat. */
export function ConsoleApp({ ctl }: { ctl: ConsoleController }) {
  const s = useObservable(ctl.state);
  const [session, setSession] = useState(ctl.session);
  useEffect(() => ctl.onSession(() => setSession(ctl.session)), [ctl]);
  const unread = s.chats.reduce((n, c) => n + c.unreadCount, 0);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Parley console` : 'Parley console';
  }, [unread]);
  if (!s.me) return <Login error={s.error} onLogin={(token) => ctl.login(token)} />;
  return (
    <div class="pc-app">
      <header class="pc-top">
        <strong>Parley</strong>
        <span class="pc-me">{s.me.nickname}</span>
        <button type="button" class="pc-secondary" onClick={() => ctl.logout()}>
          Sign out
        </button>
      </header>
      <div class="pc-main">
        <Sidebar ctl={ctl} />
        {session ? <ChatView key={session.chatId} ctl={ctl} session={session} /> : <div class="pc-placeholder">Select a chat from the queue or your chats.</div>}
      </div>
    </div>
  );
}
