/** Canned responses, kept per agent in this browser. */
const DEFAULTS = [
  'Hello! How can I help you today?',
  'Thank you for waiting, I am looking into it.',
  'Is there anything else I can help you with?',
  'Thank you for contacting us. Have a nice day!',
];

export function loadCanned(agentId: string): string[] {
  try {
    const raw = localStorage.getItem(`parley-canned:${agentId}`);
    const list: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(list) && list.every((x) => typeof x === 'string') ? list : [...DEFAULTS];
  } catch {
    return [...DEFAULTS];
  }
}

export function saveCanned(agentId: string, list: readonly string[]): void {
  try {
    localStorage.setItem(`parley-canned:${agentId}`, JSON.stringify(list));
  } catch {
    // storage unavailable
  }
}
