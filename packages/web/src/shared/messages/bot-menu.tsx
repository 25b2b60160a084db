import { useContext, useState } from 'preact/hooks';
import type { Message, MenuOption } from '@parley/protocol/wire';
import { httpUrl } from '../safe-url.js';
import { str } from '../format.js';
import { MessageEnvContext } from './context.js';

/** MENU: the title and one button per option; `open-url` options are links (http(s) only). */
export function MenuView({ message }: { message: Message }) {
  const env = useContext(MessageEnvContext);
  const [busy, setBusy] = useState(false);
  const options = Array.isArray(message.content.options) ? (message.content.options as MenuOption[]) : [];
  const done = env.answered.has(message.id);
  const canAnswer = env.respond !== undefined && !done && !busy;
  const choose = async (option: MenuOption) => {
    if (!env.respond) return;
    setBusy(true);
    try {
      await env.respond('MENU_RESPONSE', { menuId: message.id, option: { id: option.id } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="pw-menu">
      <div class="pw-text">{str(message.content.text)}</div>
      <div class="pw-choices" role="group" aria-label={str(message.content.text) || 'Options'}>
        {options.map((option) => {
          const url = option.command === 'open-url' ? httpUrl(option.targetUrl) : null;
          if (option.command === 'open-url') {
            return url ? (
              <a key={String(option.id)} class="pw-choice" href={url} target="_blank" rel="noopener noreferrer">
                {str(option.text)}
              </a>
            ) : (
              <span key={String(option.id)} class="pw-choice pw-disabled">
                {str(option.text)}
              </span>
            );
          }
          return (
            <button key={String(option.id)} type="button" class="pw-choice" disabled={!canAnswer} onClick={() => void choose(option)}>
              {str(option.text)}
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** QUICK_REPLY: header, text, up to three reply buttons, footer. */
export function QuickReplyView({ message }: { message: Message }) {
  const env = useContext(MessageEnvContext);
  const [busy, setBusy] = useState(false);
  const c = message.content;
  const replies = Array.isArray(c.quickReplies) ? c.quickReplies.filter((r): r is string => typeof r === 'string') : [];
  const canAnswer = env.respond !== undefined && !env.answered.has(message.id) && !busy;
  const reply = async (text: string) => {
    if (!env.respond) return;
    setBusy(true);
    try {
      await env.respond('QUICK_REPLY_RESPONSE', { quickReplyId: message.id, reply: text });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="pw-quick">
      {str(c.header) ? <div class="pw-header">{str(c.header)}</div> : null}
      <div class="pw-text">{str(c.text)}</div>
      <div class="pw-choices" role="group" aria-label={str(c.text) || 'Replies'}>
        {replies.map((text) => (
          <button key={text} type="button" class="pw-choice" disabled={!canAnswer} onClick={() => void reply(text)}>
            {text}
          </button>
        ))}
      </div>
      {str(c.footer) ? <div class="pw-footer">{str(c.footer)}</div> : null}
    </div>
  );
}
