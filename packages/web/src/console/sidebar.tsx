import { useEffect, useState } from 'preact/hooks';
import type { ChatSummary } from '@parley/protocol/wire';
import { duration, str } from '../shared/format.js';
import type { AgentStatus, LivechatView } from '@parley/protocol/wire';
import type { ConsoleController } from './console-controller.js';
import { useObservable } from '../shared/observable.js';

function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function preview(chat: ChatSummary): string {
  const m = chat.lastMessage;
  if (!m) return '';
  if (m.messageType === 'TEXT') return str(m.content.text);
  if (m.messageType === 'notice') return '';
  return m.messageType;
}

/** Status, the queue with waiting times, and my chats with unread counts. */
export function Sidebar({ ctl }: { ctl: ConsoleController }) {
  const s = useObservable(ctl.state);
  const now = useNow(1000);
  const waited = (q: LivechatView) => (q.queue.queuedAt ? now - q.queue.queuedAt : q.queue.waitingMs);
  const open = s.chats.filter((c) => c.state !== 'ended');
  const ended = s.chats.filter((c) => c.state === 'ended').slice(0, 10);
  const chatButton = (c: ChatSummary) => (
    <li key={c.id}>
      <button type="button" class={`pc-item ${s.selected === c.id ? 'pc-selected' : ''}`} aria-current={s.selected === c.id ? 'true' : undefined} onClick={() => ctl.select(c.id)}>
        <span class="pc-item-title">{s.visitorNames[c.id] || c.title || 'Live chat'}</span>
        {c.unreadCount > 0 ? (
          <span class="pc-unread" aria-label={`${c.unreadCount} unread`}>
            {c.unreadCount}
          </span>
        ) : null}
        <span class="pc-item-sub">{s.visitorNames[c.id] && c.title ? `${c.title} · ${preview(c)}` : preview(c)}</span>
      </button>
    </li>
  );
  return (
    <nav class="pc-side" aria-label="Chats">
      <div class="pc-status">
        <label for="pc-status">Status</label>
        <select id="pc-status" value={s.status} onChange={(e) => void ctl.setStatus(e.currentTarget.value as AgentStatus)}>
          <option value="available">Available</option>
          <option value="away">Away</option>
          <option value="offline">Offline</option>
        </select>
        <span class={`pc-dot pc-dot-${s.connection}`} title={s.connection} aria-label={`Connection: ${s.connection}`} />
      </div>
      <h2>
        Queue <span class="pc-count">{s.queue.length}</span>
      </h2>
      <ul class="pc-list" aria-label="Queue">
        {s.queue.length === 0 ? <li class="pc-empty">Nobody is waiting</li> : null}
        {s.queue.map((q) => (
          <li key={q.chat.id}>
            <button type="button" class={`pc-item ${s.selected === q.chat.id ? 'pc-selected' : ''}`} onClick={() => ctl.select(q.chat.id)}>
              <span class="pc-item-title">{q.visitor?.nickname || q.subject || q.chat.title || 'Visitor'}</span>
              <span class="pc-item-sub">
                #{q.queue.position} · waiting {duration(waited(q))}
                {q.subject && q.visitor ? ` · ${q.subject}` : ''}
              </span>
              {q.lastMessage ? <span class="pc-item-sub pc-item-last">{q.lastMessage.text || q.lastMessage.messageType}</span> : null}
            </button>
          </li>
        ))}
      </ul>
      <h2>My chats</h2>
      <ul class="pc-list" aria-label="My chats">
        {open.length === 0 ? <li class="pc-empty">No open chats</li> : null}
        {open.map(chatButton)}
      </ul>
      {ended.length > 0 ? (
        <>
          <h2>Ended</h2>
          <ul class="pc-list" aria-label="Ended chats">
            {ended.map(chatButton)}
          </ul>
        </>
      ) : null}
    </nav>
  );
}
