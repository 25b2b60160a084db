import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ChatSession, ChatSnapshot } from '../shared/chat-session.js';
import { Composer } from '../shared/composer.js';
import { Lightbox } from '../shared/lightbox.js';
import { TimelineView } from '../shared/timeline-view.js';
import { duration } from '../shared/format.js';
import { useObservable } from '../shared/observable.js';
import type { WidgetController } from './controller.js';

function QueueBanner({ ctl }: { ctl: WidgetController }) {
  const { queue, chatState } = useObservable(ctl.state);
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
  if (chatState !== 'queued' || !queue) return null;
  const waited = queue.queuedAt ? Date.now() - queue.queuedAt : queue.waitingMs;
  return (
    <div class="pw-queue" role="status">
      {queue.position > 0 ? `You are number ${queue.position} in the queue` : 'Waiting for an agent'} · waiting {duration(waited)}
    </div>
  );
}

/** The conversation: queue position, timeline, composer, end and transcript actions. */
export function ChatPanel({ ctl, session, visible }: { ctl: WidgetController; session: ChatSession; visible: boolean }) {
  const state = useObservable(ctl.state);
  const snap: ChatSnapshot = useObservable(session);
  const [image, setImage] = useState<{ src: string; alt: string } | null>(null);
  const ended = state.chatState === 'ended';
  useEffect(() => {
    if (snap.messages.size === 0) return;
    void session.markSeen(visible && document.visibilityState === 'visible' ? 'seen' : 'delivered');
  }, [snap.messages, visible, session]);
  useEffect(() => {
    const onVisible = () => visible && document.visibilityState === 'visible' && void session.markSeen('seen');
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [visible, session]);
  const respond = useCallback((type: Parameters<WidgetController['send']>[0], content: Parameters<WidgetController['send']>[1], replyTo?: string) => ctl.send(type, content, replyTo), [ctl]);
  return (
    <div class="pw-chat">
      <QueueBanner ctl={ctl} />
      {state.connection !== 'connected' ? (
        <div class="pw-conn" role="status">
          {state.connection === 'connecting' ? 'Connecting…' : 'Offline'}
        </div>
      ) : null}
      <TimelineView
        snap={snap}
        env={{ chatId: session.chatId, me: state.visitorId, media: ctl.media, openImage: (src, alt) => setImage({ src, alt }), ...(ended ? {} : { respond }) }}
        onLoadOlder={() => void session.loadOlder()}
        onDismissPending={(id) => session.dismissPending(id)}
      />
      {state.error ? (
        <div class="pw-field-error pw-banner" role="alert">
          {state.error}
        </div>
      ) : null}
      {ended ? (
        <div class="pw-ended">
          <p>This chat has ended.</p>
          <div class="pw-row">
            <button type="button" class="pw-secondary" onClick={() => void ctl.downloadTranscript()}>
              Download transcript
            </button>
            <button type="button" class="pw-primary" onClick={() => ctl.newChat()}>
              New chat
            </button>
          </div>
        </div>
      ) : (
        <>
          <Composer
            onSend={(text) => ctl.send('TEXT', { text }).catch(() => undefined)}
            onFile={(file) => void ctl.sendFile(file)}
            onTyping={(s) => ctl.typing(s)}
            progress={state.upload}
          />
          <div class="pw-actions">
            <button type="button" class="pw-linkish" onClick={() => void ctl.downloadTranscript()}>
              Transcript
            </button>
            <button type="button" class="pw-linkish" onClick={() => void ctl.end()}>
              End chat
            </button>
          </div>
        </>
      )}
      {image ? <Lightbox src={image.src} alt={image.alt} onClose={() => setImage(null)} /> : null}
    </div>
  );
}
