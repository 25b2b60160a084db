import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Message } from '@parley/protocol/wire';
import type { ChatSnapshot } from './chat-session.js';
import { MessageEnvContext, type MessageEnv } from './messages/context.js';
import { MessageItem, type Tick } from './messages/message-item.js';
import { timeline } from './messages-state.js';
import { str } from './format.js';

/** Ids of bot prompts that already have a response in the log. */
function answeredIds(messages: Iterable<Message>): Set<string> {
  const out = new Set<string>();
  for (const m of messages) {
    if (m.messageType === 'MENU_RESPONSE') out.add(str(m.content.menuId));
    else if (m.messageType === 'QUICK_REPLY_RESPONSE') out.add(str(m.content.quickReplyId));
    else if (m.messageType === 'FORM_RESPONSE' && m.replyTo) out.add(m.replyTo);
  }
  return out;
}

/** The watermarks of everyone but me: the highest seq delivered to / seen by another member. */
function othersMarks(snap: ChatSnapshot, me: string): { delivered: number; seen: number } {
  let delivered = 0;
  let seen = 0;
  for (const m of snap.members.values()) {
    if (m.userId === me) continue;
    delivered = Math.max(delivered, m.deliveredSeq, m.seenSeq);
    seen = Math.max(seen, m.seenSeq);
  }
  return { delivered, seen };
}

/**
 * A chat's timeline: older-page button, the messages (deduped by seq), my pending sends, who is
 * typing. Keeps the newest message in view as messages arrive.
 */
export function TimelineView(props: {
  snap: ChatSnapshot;
  env: Omit<MessageEnv, 'answered'>;
  onLoadOlder: () => void;
  onDismissPending: (id: string) => void;
}) {
  const { snap, env } = props;
  const items = useMemo(() => timeline(snap.messages), [snap.messages]);
  const byId = useMemo(() => new Map([...snap.messages.values()].map((m) => [m.id, m])), [snap.messages]);
  const answered = useMemo(() => answeredIds(snap.messages.values()), [snap.messages]);
  const marks = othersMarks(snap, env.me);
  const pending = snap.pending.filter((p) => !byId.has(p.id));
  const end = useRef<HTMLDivElement>(null);
  const last = items.length > 0 ? items[items.length - 1]!.message.seq : 0;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [last, pending.length, snap.typing.length]);
  const tickOf = (m: Message): Tick => (m.seq <= marks.seen ? 'seen' : m.seq <= marks.delivered ? 'delivered' : 'sent');
  const lookup = (id: string) => byId.get(id);
  return (
    <MessageEnvContext.Provider value={{ ...env, answered }}>
      <div class="pw-timeline">
        {snap.hasOlder ? (
          <button type="button" class="pw-older" onClick={props.onLoadOlder}>
            Earlier messages
          </button>
        ) : null}
        <ol class="pw-messages" aria-live="polite" aria-relevant="additions" aria-label="Messages">
          {items.map((item) => (
            <MessageItem key={item.message.seq} message={item.message} reactions={item.reactions} me={env.me} tick={tickOf(item.message)} lookup={lookup} />
          ))}
          {pending.map((p) => (
            <li key={p.id} class="pw-msg pw-mine pw-pending" data-pending={p.id}>
              <div class="pw-bubble">
                <span class="pw-text">{p.messageType === 'TEXT' ? str(p.content.text) : str(p.content.fileName) || p.messageType}</span>
                <div class="pw-meta">
                  {p.failed ? (
                    <span class="pw-failed" role="alert">
                      Not sent: {p.failed}{' '}
                      <button type="button" class="pw-linkish" onClick={() => props.onDismissPending(p.id)}>
                        Dismiss
                      </button>
                    </span>
                  ) : (
                    <span>Sending…</span>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ol>
        {snap.typing.length > 0 ? (
          <div class="pw-typing" role="status">
            {snap.typing.map((t) => t.nickname || t.userId).join(', ')} {snap.typing.length > 1 ? 'are' : 'is'} typing
            <span class="pw-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
          </div>
        ) : null}
        <div ref={end} />
      </div>
    </MessageEnvContext.Provider>
  );
}
