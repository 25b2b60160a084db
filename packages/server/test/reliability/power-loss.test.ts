// Suite 2b: power loss. A SIGKILL (crash-cycles.test.ts) leaves the kernel's page cache behind; a
// power cut does not. The server runs on support/power-cut-fs.py, a FUSE file system that keeps
// every write in its own memory until fsync'd; at a random moment of a send storm the server and the
// file system are cut together: every write not yet fsync'd is gone, or (every other cut) a random
// part of it reached the disk first, a torn tail for recovery to reject. After the "reboot" the
// database must open, pass integrity_check, and hold every acknowledged message at its acked seq.
// The store's production settings (WAL, synchronous=FULL) are used unchanged.
// `npm run reliability -- --cuts 100` for the long form.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startServerProcess, type ServerProcess } from '../helpers/process.js';
import { report, percentile } from './support/figures.js';
import { History, type Seen } from './support/history.js';
import { PowerCutFs, powerCutFsSkip } from './support/power-cut-fs.js';
import { readChat } from './support/read-chat.js';
import { POWER_CUTS } from './support/scale.js';
import { ackedIds, retryUnknown, storm, stormChat, type StormUser } from './support/send-storm.js';

const ADMIN_KEY = 'pk_power_loss_admin_key_000000000';
const SECRET = 'power-loss-token-secret-0123456789abcdef';

/** The database's own verdict, read through the mount by a second, read-only connection. */
function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** History after a reboot; a chat or token the store forgot is itself lost acknowledged data. */
async function readAfterCut(url: string, user: StormUser, chatId: string, cut: number): Promise<Seen[]> {
  try {
    return await readChat(url, user.token, chatId);
  } catch (err) {
    assert.fail(`cut ${cut}: the chat or its members, acknowledged before the cuts, are gone: ${err instanceof Error ? err.message : String(err)}`);
  }
}

describe(`power loss: ${POWER_CUTS} power cuts during send storms (SQLite on a file system that drops unsynced writes)`, { skip: powerCutFsSkip() }, () => {
  let root: string;
  let fs: PowerCutFs | undefined;
  let proc: ServerProcess | undefined;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'parley-power-loss-'));
  });
  after(async () => {
    await proc?.kill();
    await fs?.unmount();
    await rm(root, { recursive: true, force: true });
  });

  it('keeps every acknowledged message, opens cleanly after every cut, and stores every retried send once', async () => {
    fs = await PowerCutFs.mount(root);
    // A folder the server creates itself: its name is durable only once SQLite fsyncs the folder.
    const dataDir = join(fs.mountpoint, 'data');
    const env = { PARLEY_DATA_DIR: dataDir, PARLEY_ADMIN_KEY: ADMIN_KEY, PARLEY_TOKEN_SECRET: SECRET, PARLEY_TOKEN_TTL_SECONDS: '36000', PARLEY_RATE_HTTP_PER_IP: '0', PARLEY_RATE_HTTP_PER_USER: '0', PARLEY_RATE_WS_FRAMES: '0' };
    proc = await startServerProcess(env, { startTimeoutMs: 60_000 });
    const { users, chatId } = await stormChat(proc.url, ADMIN_KEY, 4);
    const history = new History();
    const cutMs: number[] = [];
    const stormAcks: number[] = [];
    let ackedChecked = 0;
    let unsyncedPages = 0;
    let tornPagesWritten = 0;
    let cutsWithUnsynced = 0;
    for (let cut = 0; cut < POWER_CUTS; cut++) {
      const ackedBefore = history.acked;
      const senders = users.map((u) => storm(proc!.url, u.token, chatId, history));
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 900));
      // The cut: the server and the file system's unsynced writes, in the same instant.
      const kind = cut % 2 === 0 ? 'lose-all' : 'torn';
      const started = Date.now();
      proc.child.kill('SIGKILL');
      fs.cut(kind === 'torn' ? 0.2 + Math.random() * 0.6 : 0);
      await proc.kill();
      await Promise.all(senders);
      stormAcks.push(history.acked - ackedBefore);
      const found = await fs.reboot();
      unsyncedPages += found.pagesUnsynced;
      if (found.pagesUnsynced > 0) cutsWithUnsynced++;
      tornPagesWritten += found.pagesWritten;
      proc = await startServerProcess(env, { startTimeoutMs: 60_000 });
      cutMs.push(Date.now() - started);
      assert.equal(integrityCheck(join(dataDir, 'parley.db')), 'ok', `cut ${cut} (${kind}): integrity_check`);
      // Every message acknowledged so far is there at its acked seq; seqs are gap-free.
      const stored = await readAfterCut(proc.url, users[0]!, chatId, cut);
      const have = new Set(stored.map((m) => m.id));
      const acked = ackedIds(history);
      ackedChecked += acked.length;
      const lost = acked.filter((id) => !have.has(id));
      assert.deepEqual(lost.length, 0, `cut ${cut} (${kind}): ${lost.length} of ${acked.length} acknowledged messages lost`);
      assert.deepEqual(history.check(new Map([[chatId, stored]])).slice(0, 20), [], `cut ${cut} (${kind})`);
    }
    const unknown = await retryUnknown(proc.url, users, chatId, history);
    const stored = await readChat(proc.url, users[0]!.token, chatId);
    assert.deepEqual(history.check(new Map([[chatId, stored]])).slice(0, 20), []);
    assert.equal(new Set(stored.map((m) => m.id)).size, stored.length, 'no duplicates');
    assert.equal(stored.length, history.sent, 'every send is stored once after the retries');
    report('power-loss-sqlite', {
      cuts: POWER_CUTS,
      tornCuts: Math.floor(POWER_CUTS / 2),
      cutsWithUnsyncedWrites: cutsWithUnsynced,
      unsyncedPagesAtCuts: unsyncedPages,
      tornPagesWritten,
      attempted: history.sent,
      ackedBeforeCuts: history.acked - unknown.length,
      ackedChecked,
      unknownRetried: unknown.length,
      stored: stored.length,
      acksPerStormP50: percentile(stormAcks, 50),
      cutToServingMsP50: percentile(cutMs, 50),
      cutToServingMsMax: Math.max(...cutMs),
    });
  });
});
