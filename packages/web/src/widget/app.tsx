import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatSession } from '../shared/chat-session.js';
import { useObservable } from '../shared/observable.js';
import { ChatPanel } from './chat-panel.js';
import type { WidgetController } from './controller.js';
import { OfflineForm } from './offline-form.js';
import { PrechatForm } from './prechat-form.js';
import { unreadCount } from './unread.js';
import { ChatIcon } from '../shared/icons.js';
import { themeCss } from './theme.js';

/** The launcher's title until the tenant's is read. */
const BUILT_IN_TITLE = 'Chat with us';

function useSession(ctl: WidgetController): ChatSession | null {
  const [session, setSession] = useState(ctl.session);
  useEffect(() => ctl.onSession(() => setSession(ctl.session)), [ctl]);
  return session;
}

function useUnread(session: ChatSession | null, me: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => (session ? session.subscribe((snap) => setCount(unreadCount(snap, me))) : setCount(0)), [session, me]);
  return count;
}

/** The launcher button with its unread badge, and the panel it opens. */
export function WidgetApp({ ctl }: { ctl: WidgetController }) {
  const state = useObservable(ctl.state);
  const session = useSession(ctl);
  const unread = useUnread(session, state.visitorId);
  const launcher = useRef<HTMLButtonElement>(null);
  const title = ctl.config.title ?? state.appearance?.title ?? BUILT_IN_TITLE;
  const theme = themeCss(state.appearance);
  const close = () => {
    ctl.setOpen(false);
    launcher.current?.focus();
  };
  let body;
  if (state.phase === 'chat' && session) body = <ChatPanel ctl={ctl} session={session} visible={state.open} />;
  else if (state.phase === 'offline' || state.phase === 'offline-sent') {
    body = <OfflineForm sent={state.phase === 'offline-sent'} error={state.error} onSend={(v) => ctl.sendOfflineMessage(v)} />;
  } else {
    body = (
      <PrechatForm
        busy={state.phase === 'starting'}
        error={state.error}
        nickname={state.nickname}
        greeting={state.appearance?.greeting}
        fields={state.appearance?.prechatFields}
        onStart={(v) => void ctl.start(v)}
      />
    );
  }
  return (
    <div class="pw-root">
      {theme ? <style>{theme}</style> : null}
      {state.open ? (
        <section
          class="pw-panel"
          role="dialog"
          aria-label={title}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
        >
          <header class="pw-head">
            <h2>{title}</h2>
            <button type="button" class="pw-icon pw-close" aria-label="Minimise chat" onClick={close}>
              ✕
            </button>
          </header>
          <div class="pw-body">{body}</div>
        </section>
      ) : null}
      <button
        ref={launcher}
        type="button"
        class="pw-launcher"
        aria-expanded={state.open}
        aria-label={unread > 0 ? `${title}, ${unread} unread` : title}
        onClick={() => ctl.setOpen(!state.open)}
      >
        {state.open ? <span aria-hidden="true">✕</span> : <ChatIcon />}
        {unread > 0 && !state.open ? (
          <span class="pw-badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
    </div>
  );
}
