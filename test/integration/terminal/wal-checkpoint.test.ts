import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalDatabase, type LocalDatabase } from '../../../main/db/open-database';
import { WalCheckpointer } from '../../../main/db/wal-checkpointer';

const opened: { local: LocalDatabase; dir: string }[] = [];
function open(walCheckpoint?: { idleMs: number; autocheckpointPages: number } | false): LocalDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'refill-wal-'));
  const local = openLocalDatabase(join(dir, 'ledger.sqlite'), undefined, { walCheckpoint });
  opened.push({ local, dir });
  return local;
}
afterEach(() => {
  for (const { local, dir } of opened.splice(0)) {
    if (local.db.open) local.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** One small durable commit, the size of a sale's. */
function commitOne(local: LocalDatabase, i: number): void {
  local.db
    .prepare('INSERT INTO app_settings (key, value, updated_at) VALUES (?, ?, ?)')
    .run(`k${i}`, 'x'.repeat(200), '2025-01-01T00:00:00.000Z');
}

/** The WAL file's size in bytes. */
function walBytes(local: LocalDatabase): number {
  return statSync(`${local.db.name}-wal`).size;
}

describe('WAL checkpoints off the commit path', () => {
  it('raises the checkpoint-on-commit threshold, so a run of commits never checkpoints inside one', () => {
    // The timer is left to the test: an idle period of an hour never comes during it.
    const local = open({ idleMs: 3_600_000, autocheckpointPages: 20_000 });
    expect(local.db.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000);
    const pageSize = local.db.pragma('page_size', { simple: true }) as number;
    // Far past SQLite's default of 1000 pages, where a commit would have checkpointed and the WAL restarted.
    for (let i = 0; i < 1_500; i++) commitOne(local, i);
    expect(walBytes(local)).toBeGreaterThan(1_000 * pageSize);
  });

  it('checkpoints once the database has been idle for a whole tick, and not while commits come in', () => {
    const local = open({ idleMs: 3_600_000, autocheckpointPages: 20_000 });
    const cp = local.checkpointer!;
    expect(cp).toBeInstanceOf(WalCheckpointer);
    // Nothing written since it started: nothing to do.
    expect(cp.tick()).toBe(false);
    for (let i = 0; i < 50; i++) commitOne(local, i);
    expect(cp.tick()).toBe(false); // commits since the previous tick: busy
    commitOne(local, 50);
    expect(cp.tick()).toBe(false); // still busy
    expect(cp.tick()).toBe(true); // a whole tick without a commit: checkpoint
    // Everything in the WAL is now in the database file.
    const after = cp.checkpoint();
    expect(after.checkpointed).toBe(after.walPages);
    expect(cp.tick()).toBe(false); // nothing new since
    commitOne(local, 51);
    expect(cp.tick()).toBe(false);
    expect(cp.tick()).toBe(true);
    // The next commit starts the WAL over from its beginning: it stays small on a counter that is idle between sales.
    const before = walBytes(local);
    for (let i = 52; i < 60; i++) commitOne(local, i);
    expect(walBytes(local)).toBeLessThanOrEqual(before);
  });

  it('stops with the database, and can be turned off', () => {
    const local = open({ idleMs: 3_600_000, autocheckpointPages: 20_000 });
    const cp = local.checkpointer!;
    local.close();
    expect(cp.tick()).toBe(false);
    const plain = open(false);
    expect(plain.checkpointer).toBeNull();
    expect(plain.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
  });

  it('runs on its own timer by default', async () => {
    const local = open({ idleMs: 20, autocheckpointPages: 20_000 });
    const cp = local.checkpointer!;
    let ran = 0;
    const checkpoint = cp.checkpoint.bind(cp);
    cp.checkpoint = () => {
      ran += 1;
      return checkpoint();
    };
    for (let i = 0; i < 20; i++) commitOne(local, i);
    // Waits for the event (the timer's checkpoint), not for a time.
    while (ran === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const r = checkpoint();
    expect(r.checkpointed).toBe(r.walPages);
  });
});
