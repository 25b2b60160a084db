import { useState } from 'preact/hooks';
import { loadCanned, saveCanned } from './canned.js';

/** Canned responses: pick one into the message box; add or remove your own. */
export function CannedPicker({ agentId, onPick }: { agentId: string; onPick: (text: string) => void }) {
  const [list, setList] = useState(() => loadCanned(agentId));
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const update = (next: string[]) => {
    setList(next);
    saveCanned(agentId, next);
  };
  return (
    <div class="pc-canned">
      <button type="button" class="pc-secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        Canned responses
      </button>
      {open ? (
        <div class="pc-canned-menu">
          <ul>
            {list.map((text, i) => (
              <li key={i}>
                <button
                  type="button"
                  class="pc-canned-item"
                  onClick={() => {
                    onPick(text);
                    setOpen(false);
                  }}
                >
                  {text}
                </button>
                <button type="button" class="pc-icon" aria-label={`Remove “${text}”`} onClick={() => update(list.filter((_, j) => j !== i))}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (draft.trim()) update([...list, draft.trim()]);
              setDraft('');
            }}
          >
            <input aria-label="New canned response" placeholder="New response…" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
            <button type="submit" class="pc-secondary">
              Add
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
