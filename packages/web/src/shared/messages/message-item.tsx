import type { Message, MessageReaction } from '@parley/protocol/wire';
import { clock, str } from '../format.js';
import { ContactsView, LinkView, LocationView, ResponseView } from './rich-views.js';
import { FormView } from './form-view.js';
import { MediaView } from './media-view.js';
import { MenuView, QuickReplyView } from './bot-menu.js';
import { systemLine } from './system-line.js';

/** How far the other members got with my message. */
export type Tick = 'sent' | 'delivered' | 'seen';

function Body({ message, lookup }: { message: Message; lookup: (id: string) => Message | undefined }) {
  if (message.deleted) return <em class="pw-deleted">This message was deleted</em>;
  switch (message.messageType) {
    case 'TEXT':
      return <span class="pw-text">{str(message.content.text)}</span>;
    case 'IMAGE':
    case 'DOCUMENT':
    case 'AUDIO':
    case 'VIDEO':
      return <MediaView message={message} />;
    case 'LINK':
      return <LinkView message={message} />;
    case 'LOCATION':
      return <LocationView message={message} />;
    case 'CONTACTS':
      return <ContactsView message={message} />;
    case 'MENU':
      return <MenuView message={message} />;
    case 'QUICK_REPLY':
      return <QuickReplyView message={message} />;
    case 'FORM':
      return <FormView message={message} />;
    case 'MENU_RESPONSE':
    case 'QUICK_REPLY_RESPONSE':
    case 'FORM_RESPONSE':
      return <ResponseView message={message} lookup={lookup} />;
    default:
      return <span class="pw-text">{message.messageType}</span>;
  }
}

const TICKS: Record<Tick, { mark: string; label: string }> = {
  sent: { mark: '✓', label: 'Sent' },
  delivered: { mark: '✓✓', label: 'Delivered' },
  seen: { mark: '✓✓', label: 'Seen' },
};

/**
 * One message of the timeline: a system line, or a bubble with the sender, the body for its type,
 * its reactions, the time and (for my own) the delivered / seen tick.
 */
export function MessageItem(props: {
  message: Message;
  reactions: readonly MessageReaction[];
  me: string;
  tick?: Tick;
  lookup: (id: string) => Message | undefined;
}) {
  const { message, reactions, me, tick } = props;
  const line = systemLine(message, me);
  if (line !== null) {
    return (
      <li class="pw-system" data-seq={message.seq} data-type={message.messageType}>
        {line}
      </li>
    );
  }
  const mine = message.content.user.id === me;
  const who = mine ? 'You' : str(message.content.user.nickname) || message.content.user.id;
  return (
    <li class={`pw-msg ${mine ? 'pw-mine' : 'pw-theirs'}`} data-seq={message.seq} data-type={message.messageType} data-id={message.id}>
      <div class="pw-bubble">
        {mine ? null : <div class="pw-sender">{who}</div>}
        <Body message={message} lookup={props.lookup} />
        {reactions.length > 0 ? (
          <ul class="pw-reactions" aria-label="Reactions">
            {reactions.map((r) => (
              <li key={r.emoji} title={`${r.userIds.length}`}>
                {r.emoji}
                {r.userIds.length > 1 ? ` ${r.userIds.length}` : ''}
              </li>
            ))}
          </ul>
        ) : null}
        <div class="pw-meta">
          <time dateTime={new Date(message.ts).toISOString()}>{clock(message.ts)}</time>
          {mine && tick ? (
            <span class={`pw-tick pw-tick-${tick}`} aria-label={TICKS[tick].label} title={TICKS[tick].label}>
              {' '}
              {TICKS[tick].mark}
            </span>
          ) : null}
        </div>
      </div>
    </li>
  );
}
