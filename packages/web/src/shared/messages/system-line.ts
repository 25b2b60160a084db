import type { Message } from '@parley/protocol/wire';
import { str } from '../format.js';

const CALLS: Record<string, string> = {
  videoRequestedByAgent: 'requested a video call',
  videoRequestedByCustomer: 'requested a video call',
  videoAccepted: 'accepted the video call',
  videoRejected: 'declined the video call',
  videoStarted: 'started the video call',
  videoEnded: 'ended the video call',
  screenSharingStarted: 'started sharing the screen',
  screenSharingEnded: 'stopped sharing the screen',
};

/** The one line a system message shows (plain text), or null when the message is not one. */
export function systemLine(message: Message, meId: string): string | null {
  const who = message.content.user.id === meId ? 'You' : str(message.content.user.nickname) || message.content.user.id;
  const type = message.messageType;
  if (type === 'notice') {
    const event = str(message.content.event);
    if (event === 'participantJoined') return `${who} joined the chat`;
    if (event === 'participantLeft') return `${who} left the chat`;
    if (event === 'participantRejoined') return `${who} rejoined the chat`;
    if (event === 'transcriptSaved') return 'The transcript was saved';
    return str(message.content.text) || 'Notice';
  }
  if (type === 'endChat') return `${who} ended the chat`;
  if (type === 'leave') return `${who} left the chat`;
  const call = CALLS[type];
  return call ? `${who} ${call}` : null;
}
