import { optionalText, requireText } from './args.js';
import { invalid } from './envelope.js';

/** What `showChatNotification` shows. */
export interface ChatNotification {
  title: string;
  body?: string;
  icon?: string;
  /** Notifications with the same tag replace each other (one per chat, say). */
  tag?: string;
  /** Called when the user clicks the notification. */
  onClick?: () => void;
}

/** The result: whether a notification was shown, and why not. */
export interface NotificationResult {
  shown: boolean;
  reason?: 'unsupported' | 'denied';
}

interface NotificationApi {
  permission: 'default' | 'granted' | 'denied';
  requestPermission(): Promise<'default' | 'granted' | 'denied'>;
  new (title: string, options?: { body?: string; icon?: string; tag?: string }): { onclick: (() => void) | null };
}

export function checkNotification(value: unknown): ChatNotification {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('notification', 'is required and must be an object with a title');
  const n = value as Record<string, unknown>;
  const title = requireText('notification/title', n.title, 200);
  const body = optionalText('notification/body', n.body, 1000);
  const icon = optionalText('notification/icon', n.icon, 2000);
  const tag = optionalText('notification/tag', n.tag, 200);
  if (n.onClick !== undefined && typeof n.onClick !== 'function') throw invalid('notification/onClick', 'must be a function');
  return { title, ...(body ? { body } : {}), ...(icon ? { icon } : {}), ...(tag ? { tag } : {}), ...(n.onClick ? { onClick: n.onClick as () => void } : {}) };
}

/** Shows a browser notification (asking for permission once); in Node, or without the API, shows nothing. */
export async function showNotification(n: ChatNotification): Promise<NotificationResult> {
  const api = (globalThis as { Notification?: NotificationApi }).Notification;
  if (typeof api !== 'function') return { shown: false, reason: 'unsupported' };
  let permission = api.permission;
  if (permission === 'default') permission = await api.requestPermission();
  if (permission !== 'granted') return { shown: false, reason: 'denied' };
  const shown = new api(n.title, { ...(n.body ? { body: n.body } : {}), ...(n.icon ? { icon: n.icon } : {}), ...(n.tag ? { tag: n.tag } : {}) });
  if (n.onClick) shown.onclick = n.onClick;
  return { shown: true };
}
