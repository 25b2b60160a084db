import { useEffect, useState } from 'preact/hooks';
import type { ChatSession } from '../shared/chat-session.js';
import { Composer } from '../shared/composer.js';
import { Lightbox } from '../shared/lightbox.js';
import { TimelineView } from '../shared/timeline-view.js';
import { useObservable } from '../shared/observable.js';
import { CannedPicker } from './canned-picker.js';
import { cannedFor } from './canned.js';
import { ChatActions } from './chat-actions.js';
import type { ConsoleController } from './console-controller.js';
import { loadDraft, saveDraft } from './drafts.js';
import { VisitorPanel } from './visitor-panel.js';

/** The selected chat: header with actions, timeline, composer with canned responses; visitor details aside. */
export function ChatView({ ctl, session }: { ctl: ConsoleController; session: ChatSession }) {
  const s = useObservable(ctl.state);
  const snap = useObservable(session);
  const [image, setImage] = useState<{ src: string; alt: string } | null>(null);
  const [insert, setInsert] = useState<{ text: string; at: number } | null>(null);
  const [visitorOpen, setVisitorOpen] = useState(false);
  const chatId = session.chatId;
  const member = ctl.isMember(chatId);
  const view = s.view;
  const me = s.me?.id ?? '';
  useEffect(() => {
    if (member && snap.messages.size > 0 && document.visibilityState === 'visible') void session.markSeen('seen');
  }, [snap.messages, member, session]);
  useEffect(() => {
    if (member) void session.loadNewest();
  }, [member, session]);
  const ended = view?.chat.state === 'ended';
  // Canned responses (picker and `/shortcut` in the box), their variables filled for this chat.
  const canned = ctl.api ? cannedFor(ctl.api.rest) : null;
  const vars = { visitor: view?.visitor?.nickname ?? '', agent: s.me?.nickname ?? '' };
  return (
    <div class="pc-chat-wrap">
      <section class="pc-chat" aria-label="Conversation">
        <header class="pc-chat-head">
          <button type="button" class="pc-secondary pc-narrow-only" onClick={() => ctl.select(null)}>
            ← Chats
          </button>
          <div class="pc-chat-title">
            <h2>{view?.visitor?.nickname || view?.subject || view?.chat.title || 'Live chat'}</h2>
            <span class="pc-state">
              {view ? view.chat.state : ''}
              {view?.visitor && view.subject ? ` · ${view.subject}` : ''}
            </span>
          </div>
          <button type="button" class="pc-secondary pc-narrow-only" aria-expanded={visitorOpen} onClick={() => setVisitorOpen(true)}>
            Visitor
          </button>
          {!member && view && !ended ? (
            <button type="button" class="pc-primary" onClick={() => void ctl.join(chatId)}>
              {view.chat.state === 'queued' || view.chat.state === 'bot' ? 'Pick chat' : 'Join chat'}
            </button>
          ) : null}
          <ChatActions ctl={ctl} chatId={chatId} member={member} />
        </header>
        {member || ended ? (
          <TimelineView
            snap={snap}
            env={{ chatId, me, media: ctl.media, openImage: (src, alt) => setImage({ src, alt }) }}
            onLoadOlder={() => void session.loadOlder()}
            onDismissPending={(id) => session.dismissPending(id)}
          />
        ) : (
          <div class="pc-placeholder">Pick the chat to see the conversation and answer.</div>
        )}
        {s.error ? (
          <div class="pw-field-error pc-error" role="alert">
            {s.error}
          </div>
        ) : null}
        {member && !ended ? (
          <div class="pc-compose">
            {canned ? <CannedPicker canned={canned} vars={vars} onPick={(text) => setInsert({ text, at: Date.now() })} /> : null}
            <Composer
              onSend={(text) => ctl.sendText(text)}
              onFile={(file) => void ctl.sendFile(file)}
              onTyping={(st) => ctl.typing(st)}
              progress={s.upload}
              insert={insert}
              draft={{ initial: loadDraft(chatId), save: (text) => saveDraft(chatId, text) }}
              placeholder="Write a reply… (a URL alone goes as a link; /shortcut for a canned response)"
              {...(canned ? { expand: (shortcut: string) => canned.expand(shortcut, vars) } : {})}
            />
          </div>
        ) : null}
      </section>
      <VisitorPanel ctl={ctl} chatId={chatId} open={visitorOpen} onClose={() => setVisitorOpen(false)} />
      {image ? <Lightbox src={image.src} alt={image.alt} onClose={() => setImage(null)} /> : null}
    </div>
  );
}
