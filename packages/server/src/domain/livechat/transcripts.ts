import { type Message, type SeedMessage } from '@parley/protocol';
import type { ChatRow } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { EXPORT_PAGE, exportChat } from '../messages/export.js';
import type { LivechatDeps } from './deps.js';
import { appendNotice } from './notices.js';

/**
 * A live chat's transcript: the seed 001 objects of its messages (the export, notices left out) and a
 * readable HTML page where everything a participant wrote is text-escaped. When a chat ends the JSON
 * is saved with the chat and a `transcriptSaved` notice closes the log (the customer chat API's
 * TranscriptSaveDone).
 */
export class Transcripts {
  constructor(private readonly deps: LivechatDeps) {}

  /** The transcript as JSON; the caller may read the live chat (member, agent of the tenant, admin). */
  async json(actor: Actor, chatId: string): Promise<SeedMessage[]> {
    const { chat } = await this.deps.access.livechat(actor, chatId);
    return this.collect(chat);
  }

  /** When the chat's transcript was saved (at its end), or null while it is open. */
  async savedAt(actor: Actor, chatId: string): Promise<number | null> {
    const { chat } = await this.deps.access.livechat(actor, chatId);
    return (await this.deps.store.livechat.getTranscript(chat.id))?.savedAt ?? null;
  }

  async html(actor: Actor, chatId: string): Promise<string> {
    const { chat } = await this.deps.access.livechat(actor, chatId);
    const lines: string[] = [];
    let after = 0;
    for (;;) {
      const rows = await this.deps.store.listMessages(chat.id, { after, limit: EXPORT_PAGE });
      for (const message of await this.deps.reader.toMessages(rows)) lines.push(renderLine(message));
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < EXPORT_PAGE) break;
      after = last.seq;
    }
    const title = `Transcript of ${chat.id}`;
    return [
      '<!doctype html>',
      '<html lang="en"><head><meta charset="utf-8">',
      `<title>${escapeHtml(title)}</title>`,
      '<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}li{margin:.3em 0}time{color:#666}.notice{color:#666;font-style:italic}</style>',
      '</head><body>',
      `<h1>${escapeHtml(title)}</h1>`,
      `<p>Started ${escapeHtml(new Date(chat.createdAt).toISOString())}; state: ${escapeHtml(chat.state)}</p>`,
      '<ol>',
      ...lines,
      '</ol>',
      '</body></html>',
      '',
    ].join('\n');
  }

  /** Saves the transcript of an ended chat (once) and writes the `transcriptSaved` notice. */
  async save(chat: ChatRow, actorId: string): Promise<void> {
    const json = JSON.stringify(await this.collect(chat));
    const saved = await this.deps.store.livechat.saveTranscript(chat.id, Date.now(), json);
    if (saved) await appendNotice(this.deps, chat, actorId, 'transcriptSaved', { afterEnd: true });
  }

  private async collect(chat: ChatRow): Promise<SeedMessage[]> {
    // The export reads as the tenant's system; access was decided by the caller.
    const system: Actor = { type: 'admin', tenant: await this.deps.tenants.get(chat.tenantId), keyId: 'livechat' };
    const out: SeedMessage[] = [];
    for await (const item of exportChat(this.deps, system, chat.id)) out.push(item);
    return out;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text to HTML text: every markup character escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function renderLine(message: Message): string {
  const who = message.content.user.nickname ?? message.content.user.id;
  const role = message.content.user.isAgent ? 'agent' : 'visitor';
  const time = `<time datetime="${escapeHtml(new Date(message.ts).toISOString())}">${escapeHtml(new Date(message.ts).toISOString())}</time>`;
  if (message.messageType === 'notice') {
    return `<li class="notice">${time} ${escapeHtml(noticeText(message, who))}</li>`;
  }
  return `<li>${time} <b>${escapeHtml(who)}</b> (${role}): ${escapeHtml(summary(message))}</li>`;
}

function noticeText(message: Message, who: string): string {
  const { event, text } = message.content as { event?: string; text?: string };
  switch (event) {
    case 'participantJoined':
      return `${who} joined`;
    case 'participantRejoined':
      return `${who} rejoined`;
    case 'participantLeft':
      return `${who} left`;
    case 'transcriptSaved':
      return 'Transcript saved';
    default:
      return text ?? '';
  }
}

/** One line of text for any message type. */
export function summary(message: Message): string {
  if (message.deleted) return '(deleted)';
  const c = message.content as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  switch (message.messageType) {
    case 'TEXT':
      return str(c.text);
    case 'LINK':
      return str(c.url);
    case 'IMAGE':
    case 'DOCUMENT':
    case 'AUDIO':
    case 'VIDEO':
      return `[${message.messageType}] ${[str(c.fileName), str(c.caption)].filter(Boolean).join(' — ')}`.trim();
    case 'MENU':
    case 'QUICK_REPLY':
    case 'FORM':
      return `[${message.messageType}] ${str(c.text) || str(c.title)}`.trim();
    case 'QUICK_REPLY_RESPONSE':
      return str(c.reply);
    case 'REACTION':
      return `[REACTION] ${str(c.emoji)}`;
    case 'LOCATION':
      return `[LOCATION] ${str(c.name) || `${String(c.latitude)}, ${String(c.longitude)}`}`;
    case 'endChat':
      return '[ended the chat]';
    case 'leave':
      return '[left the chat]';
    default:
      return `[${message.messageType}]`;
  }
}
