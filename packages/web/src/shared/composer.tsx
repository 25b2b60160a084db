import { useRef, useState } from 'preact/hooks';
import { ClipIcon } from './icons.js';

export interface ComposerProps {
  disabled?: boolean;
  placeholder?: string;
  onSend: (text: string) => Promise<void> | void;
  onFile?: (file: File) => void;
  onTyping?: (state: 'composing' | 'gone') => void;
  /** Upload progress, 0..1, while a file goes up. */
  progress?: number | null;
  /** Text to put in the box (canned responses); changes when the caller sets a new one. */
  insert?: { text: string; at: number } | null;
  label?: string;
  /** Where the unsent text is kept (the console keeps a draft per chat); called on every change. */
  draft?: { initial: string; save: (text: string) => void };
  /**
   * The text a `/shortcut` stands for (the console's canned responses), or null when none: typed
   * before the caret, Tab, Space or Enter replaces it (Enter then does not send, so it can be read first).
   */
  expand?: (shortcut: string) => string | null;
}

/** A `/shortcut` right before the caret, at the start or after white space. */
const SHORTCUT_BEFORE_CARET = /(^|\s)\/([a-z0-9][a-z0-9_-]*)$/i;

/** The message box: Enter sends, Shift+Enter breaks the line; a file button; typing notices. */
export function Composer(props: ComposerProps) {
  const [text, setTextState] = useState(() => props.draft?.initial ?? '');
  const setText = (value: string) => {
    setTextState(value);
    props.draft?.save(value);
  };
  const [insertedAt, setInsertedAt] = useState(0);
  const lastTyping = useRef(0);
  const file = useRef<HTMLInputElement>(null);
  if (props.insert && props.insert.at !== insertedAt) {
    setInsertedAt(props.insert.at);
    setText(props.insert.text);
  }
  const send = async () => {
    const value = text.trim();
    if (!value || props.disabled) return;
    setText('');
    lastTyping.current = 0;
    props.onTyping?.('gone');
    await props.onSend(value);
  };
  /** Replaces the `/shortcut` before the caret with its text; whether it did. */
  const expandAtCaret = (box: HTMLTextAreaElement): boolean => {
    const caret = box.selectionStart;
    if (!props.expand || caret !== box.selectionEnd) return false;
    const found = SHORTCUT_BEFORE_CARET.exec(text.slice(0, caret));
    const shortcut = found?.[2];
    const replacement = shortcut === undefined ? null : props.expand(shortcut);
    if (shortcut === undefined || replacement === null) return false;
    const start = caret - shortcut.length - 1;
    setText(text.slice(0, start) + replacement + text.slice(caret));
    const end = start + replacement.length;
    requestAnimationFrame(() => box.setSelectionRange(end, end));
    return true;
  };
  const onInput = (value: string) => {
    setText(value);
    const now = Date.now();
    if (value && now - lastTyping.current > 3000) {
      lastTyping.current = now;
      props.onTyping?.('composing');
    }
  };
  return (
    <form
      class="pw-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {props.progress !== null && props.progress !== undefined ? (
        <progress class="pw-progress" max={1} value={props.progress} aria-label="Upload progress" />
      ) : null}
      <div class="pw-compose-row">
        {props.onFile ? (
          <>
            <input
              ref={file}
              type="file"
              class="pw-hidden"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f) props.onFile?.(f);
              }}
            />
            <button type="button" class="pw-icon" aria-label="Attach a file" disabled={props.disabled} onClick={() => file.current?.click()}>
              <ClipIcon />
            </button>
          </>
        ) : null}
        <textarea
          class="pw-input"
          rows={1}
          aria-label={props.label ?? 'Message'}
          placeholder={props.placeholder ?? 'Write a message…'}
          value={text}
          disabled={props.disabled}
          onInput={(e) => onInput(e.currentTarget.value)}
          onBlur={() => text && props.onTyping?.('gone')}
          onKeyDown={(e) => {
            if ((e.key === 'Tab' || e.key === ' ') && !e.shiftKey && expandAtCaret(e.currentTarget)) {
              e.preventDefault();
              return;
            }
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              if (!expandAtCaret(e.currentTarget)) void send();
            }
          }}
        />
        <button type="submit" class="pw-send" aria-label="Send" disabled={props.disabled || text.trim() === ''}>
          ➤
        </button>
      </div>
    </form>
  );
}
