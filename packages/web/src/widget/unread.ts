import type { ChatSnapshot } from '../shared/chat-session.js';
import { systemLine } from '../shared/messages/system-line.js';

/** Messages from others above my `seen` watermark (system lines and reactions do not count). */
export function unreadCount(snap: ChatSnapshot, me: string): number {
  const seen = snap.members.get(me)?.seenSeq ?? 0;
  let count = 0;
  for (const m of snap.messages.values()) {
    if (m.seq <= seen || m.content.user.id === me || m.messageType === 'REACTION') continue;
    if (systemLine(m, me) !== null) continue;
    count++;
  }
  return count;
}
