// Fuzz target: a message's content for its type (schema, then the type's rules: FORM fields and their
// custom_regexp, menus, quick replies, media). Input: the message type, a newline, the content as JSON.
import { validateContent } from '@parley/protocol';
import { expectSound } from '../support/property.js';

export function fuzz(data: Buffer): void {
  const text = data.toString('utf8');
  const cut = text.indexOf('\n');
  if (cut < 0) return;
  let content: unknown;
  try {
    content = JSON.parse(text.slice(cut + 1));
  } catch {
    return; // not JSON: the frame and body parsers refuse it before any content rule runs
  }
  expectSound('message-content', () => void validateContent(text.slice(0, cut), content));
}
