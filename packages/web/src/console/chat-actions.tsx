import { useState } from 'preact/hooks';
import type { ConsoleController } from './console-controller.js';
import { useObservable } from '../shared/observable.js';

/** Transfer (to an agent or a department), invite an agent, end, transcript. */
export function ChatActions({ ctl, chatId, member }: { ctl: ConsoleController; chatId: string; member: boolean }) {
  const s = useObservable(ctl.state);
  const [target, setTarget] = useState('');
  const [invitee, setInvitee] = useState('');
  const others = s.agents.filter((a) => a.userId !== s.me?.id);
  const ended = s.view?.chat.state === 'ended';
  if (!member || ended) {
    return (
      <div class="pc-actions">
        <button type="button" class="pc-secondary" onClick={() => void ctl.transcript(chatId)}>
          Transcript
        </button>
      </div>
    );
  }
  return (
    <div class="pc-actions">
      <form
        class="pc-inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (!target) return;
          const [kind, id] = target.split(':', 2) as [string, string];
          void ctl.transfer(chatId, kind === 'dept' ? { departmentId: id } : { agentId: id });
        }}
      >
        <label for="pc-transfer" class="pc-sr">
          Transfer to
        </label>
        <select id="pc-transfer" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">Transfer to…</option>
          {others.map((a) => (
            <option key={a.userId} value={`agent:${a.userId}`}>
              {a.nickname || a.userId} ({a.status})
            </option>
          ))}
          {s.departments.map((d) => (
            <option key={d.id} value={`dept:${d.id}`}>
              Department: {d.name}
            </option>
          ))}
        </select>
        <button type="submit" class="pc-secondary" disabled={!target}>
          Transfer
        </button>
      </form>
      <form
        class="pc-inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (invitee) void ctl.invite(chatId, invitee);
        }}
      >
        <label for="pc-invite" class="pc-sr">
          Invite an agent
        </label>
        <select id="pc-invite" value={invitee} onChange={(e) => setInvitee(e.currentTarget.value)}>
          <option value="">Invite…</option>
          {others.map((a) => (
            <option key={a.userId} value={a.userId}>
              {a.nickname || a.userId} ({a.status})
            </option>
          ))}
        </select>
        <button type="submit" class="pc-secondary" disabled={!invitee}>
          Invite
        </button>
      </form>
      <button type="button" class="pc-secondary" onClick={() => void ctl.transcript(chatId)}>
        Transcript
      </button>
      <button type="button" class="pc-danger" onClick={() => void ctl.end(chatId)}>
        End chat
      </button>
    </div>
  );
}
