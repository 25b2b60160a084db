import type { Contact, Message } from '@parley/protocol/wire';
import { httpUrl, mapUrl, telUrl } from '../safe-url.js';
import { str } from '../format.js';

/** LINK: an anchor for http(s) URLs; anything else shows as plain text. */
export function LinkView({ message }: { message: Message }) {
  const url = httpUrl(message.content.url);
  const text = str(message.content.url);
  return url ? (
    <a class="pw-link" href={url} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    <span class="pw-text">{text}</span>
  );
}

/** LOCATION: the place's name and address, and a map link built from the numbers alone. */
export function LocationView({ message }: { message: Message }) {
  const c = message.content;
  const map = mapUrl(c.latitude, c.longitude);
  const own = httpUrl(c.url);
  return (
    <div class="pw-location">
      <div class="pw-text">
        {str(c.name) || 'Location'}
      </div>
      {str(c.address) ? <div class="pw-sub">{str(c.address)}</div> : null}
      {map ? (
        <a href={map} target="_blank" rel="noopener noreferrer">
          Open map
        </a>
      ) : null}
      {own ? (
        <a href={own} target="_blank" rel="noopener noreferrer" class="pw-sub-link">
          {str(c.url)}
        </a>
      ) : null}
    </div>
  );
}

/** CONTACTS: names and phone numbers (as `tel:` links when they are numbers). */
export function ContactsView({ message }: { message: Message }) {
  const contacts = Array.isArray(message.content.contacts) ? (message.content.contacts as Contact[]) : [];
  return (
    <ul class="pw-contacts">
      {contacts.map((contact, i) => (
        <li key={i}>
          <div class="pw-text">
            {str(contact.name?.formatted_name) || str(contact.name?.first_name)}
          </div>
          {(contact.phones ?? []).map((p, j) => {
            const tel = telUrl(p.phone);
            return (
              <div key={j} class="pw-sub">
                {p.type ? `${str(p.type)}: ` : ''}
                {tel ? <a href={tel}>{str(p.phone)}</a> : str(p.phone)}
              </div>
            );
          })}
        </li>
      ))}
    </ul>
  );
}

/** MENU_RESPONSE, QUICK_REPLY_RESPONSE, FORM_RESPONSE as the answer they carry. */
export function ResponseView({ message, lookup }: { message: Message; lookup: (id: string) => Message | undefined }) {
  const c = message.content;
  if (message.messageType === 'QUICK_REPLY_RESPONSE') return <span class="pw-text">{str(c.reply)}</span>;
  if (message.messageType === 'MENU_RESPONSE') {
    const option = (c.option ?? {}) as { id?: unknown; targetUrl?: unknown };
    const menu = lookup(str(c.menuId));
    const options = menu && Array.isArray(menu.content.options) ? (menu.content.options as { id: unknown; text: unknown }[]) : [];
    const chosen = options.find((o) => String(o.id) === String(option.id));
    return <span class="pw-text">{chosen ? str(chosen.text) : str(option.targetUrl) || str(option.id)}</span>;
  }
  const fields = Array.isArray(c.formData) ? (c.formData as { name: unknown; label?: unknown; value?: unknown; isVisibleAgent?: unknown }[]) : [];
  return (
    <dl class="pw-answers">
      {str(c.title) ? <div class="pw-form-title">{str(c.title)}</div> : null}
      {fields.map((f, i) => (
        <div key={i} class="pw-answer">
          <dt>{str(f.label) || str(f.name)}</dt>
          <dd>{str(f.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
