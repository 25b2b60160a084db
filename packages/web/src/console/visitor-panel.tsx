import { useEffect, useState } from 'preact/hooks';
import type { ConsoleController } from './console-controller.js';
import type { SeedUser } from '@parley/protocol/wire';
import { httpUrl } from '../shared/safe-url.js';

function when(value: number | ''): string {
  return typeof value === 'number' ? new Date(value).toLocaleString() : '—';
}

/** The visitor's seed 000 user object: who they are, where they came from, whether they are online. */
export function VisitorPanel({ ctl, chatId, open, onClose }: { ctl: ConsoleController; chatId: string; open: boolean; onClose: () => void }) {
  const [user, setUser] = useState<SeedUser | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    setUser(null);
    ctl.api
      ?.visitor(chatId)
      .then((u) => live && setUser(u))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [ctl, chatId]);
  // On a phone the panel is a full-screen sheet behind the chat's "Visitor" button.
  const cls = `pc-visitor ${open ? 'pc-open' : ''}`;
  const close = (
    <button type="button" class="pc-secondary pc-narrow-only" onClick={onClose}>
      ← Back to the chat
    </button>
  );
  if (error)
    return (
      <aside class={cls}>
        {close}
        {error}
      </aside>
    );
  if (!user)
    return (
      <aside class={cls}>
        {close}
        Loading…
      </aside>
    );
  const page = httpUrl(user.firstUri);
  const rows: [string, string][] = [
    ['Id', user.id],
    ['Online', user.isOnline ? 'yes' : 'no'],
    ['Channel', user.channel],
    ['First seen', when(user.beginTime)],
    ['Last chat ended', when(user.endTime)],
    ['Page title', user.firstTitle],
    ['IP', user.firstIP],
    ['Browser', user.userAgent],
  ];
  return (
    <aside class={cls} aria-label="Visitor details">
      {close}
      <h2>{user.nickname}</h2>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v || '—'}</dd>
          </div>
        ))}
        <div>
          <dt>First page</dt>
          <dd>
            {page ? (
              <a href={page} target="_blank" rel="noopener noreferrer">
                {user.firstUri}
              </a>
            ) : (
              user.firstUri || '—'
            )}
          </dd>
        </div>
      </dl>
    </aside>
  );
}
