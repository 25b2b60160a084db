/**
 * Codes of the failures the live-chat facade detects before any network call:
 * - `E_VALIDATION`: an argument has the wrong type or value (`path` names it);
 * - `E_NOT_INITIALIZED`: `LIVECHATSDK.init(...)` has not completed;
 * - `E_CONTACT_CLOSED`: the contact has ended or been left; its chat takes no more calls from it.
 *
 * Failures the server reports reject with its `ParleyError` (`E_CHAT_NOT_FOUND`, `E_CHAT_ENDED`…).
 */
export type LivechatErrorCode = 'E_VALIDATION' | 'E_NOT_INITIALIZED' | 'E_CONTACT_CLOSED';

/**
 * A failure the live-chat facade detects itself, before any request. `code` is stable; `path` names
 * the offending argument (`/chatId`, `/text`…) for `E_VALIDATION`.
 *
 * @example
 * ```ts
 * try {
 *   await LIVECHATSDK.LIVECHAT.joinContact(42 as unknown as string);
 * } catch (err) {
 *   if (err instanceof LivechatError && err.code === 'E_VALIDATION') console.log(err.path); // "/chatId"
 * }
 * ```
 */
export class LivechatError extends Error {
  readonly code: LivechatErrorCode;
  readonly path: string | undefined;

  constructor(code: LivechatErrorCode, message: string, path?: string) {
    super(message);
    this.name = 'LivechatError';
    this.code = code;
    this.path = path;
  }
}

/** An `E_VALIDATION` error for argument `name`. */
export function invalid(name: string, problem: string): LivechatError {
  return new LivechatError('E_VALIDATION', `${name} ${problem}`, `/${name}`);
}
