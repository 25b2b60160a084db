import { useEffect, useState } from 'preact/hooks';
import type { CannedResponse } from '@parley/protocol';
import { useObservable } from '../shared/observable.js';
import { fillVariables, type CannedList, type CannedVars } from './canned.js';

const SCOPE_LABEL: Record<CannedResponse['scope'], string> = { personal: 'mine', team: 'team', department: 'department' };

/**
 * Canned responses: pick one into the message box (its variables filled in for this chat), add your
 * own, remove your own. Shared ones are listed for everyone and managed by supervisors and admins.
 * In the message box, `/shortcut` then Tab or Space does the same.
 */
export function CannedPicker({ canned, vars, onPick }: { canned: CannedList; vars: CannedVars; onPick: (text: string) => void }) {
  const { list, loaded, error } = useObservable(canned.state);
  const [open, setOpen] = useState(false);
  const [shortcut, setShortcut] = useState('');
  const [text, setText] = useState('');
  useEffect(() => void canned.load(), [canned]);
  const add = async (e: Event) => {
    e.preventDefault();
    if (!shortcut.trim() || !text.trim()) return;
    try {
      await canned.add(shortcut.trim().replace(/^\//, '').toLowerCase(), text.trim());
      setShortcut('');
      setText('');
    } catch {
      // shown through the list's error
    }
  };
  return (
    <div class="pc-canned">
      <button
        type="button"
        class="pc-secondary"
        aria-expanded={open}
        onClick={() => {
          if (!open) void canned.reload();
          setOpen(!open);
        }}
      >
        Canned responses
      </button>
      {open ? (
        <div class="pc-canned-menu">
          {loaded && list.length === 0 ? <p>No canned responses yet: add one below.</p> : null}
          <ul>
            {list.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  class="pc-canned-item"
                  title={`/${c.shortcut} (${SCOPE_LABEL[c.scope]})`}
                  onClick={() => {
                    onPick(fillVariables(c.text, vars));
                    setOpen(false);
                  }}
                >
                  {c.text}
                </button>
                <small aria-hidden="true">/{c.shortcut}</small>
                {c.scope === 'personal' ? (
                  <button type="button" class="pc-icon" aria-label={`Remove /${c.shortcut}`} onClick={() => void canned.remove(c.id)}>
                    ✕
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          {error ? (
            <div class="pw-field-error" role="alert">
              {error}
            </div>
          ) : null}
          <form onSubmit={(e) => void add(e)}>
            <input aria-label="Shortcut" placeholder="shortcut" maxLength={32} value={shortcut} onInput={(e) => setShortcut(e.currentTarget.value)} />
            <input aria-label="New canned response" placeholder="New response… {{visitor.name}}" maxLength={2000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
            <button type="submit" class="pc-secondary">
              Add
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
