/**
 * What an agent was writing, per chat, in this tab's sessionStorage: it survives a reload and a
 * sign-in again after the session ended, and is gone when the tab closes.
 */
const key = (chatId: string) => `parley-console-draft:${chatId}`;

export function loadDraft(chatId: string): string {
  try {
    return sessionStorage.getItem(key(chatId)) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(chatId: string, text: string): void {
  try {
    if (text) sessionStorage.setItem(key(chatId), text);
    else sessionStorage.removeItem(key(chatId));
  } catch {
    // storage unavailable: the draft lives in the box only
  }
}
