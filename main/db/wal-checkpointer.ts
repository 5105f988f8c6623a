import type { Database, Statement } from 'better-sqlite3';

/** How the background checkpoint runs. */
export interface WalCheckpointOptions {
  /** The database counts as idle after this long without a commit; it is checked this often. */
  readonly idleMs: number;
  /**
   * SQLite's own checkpoint-on-commit threshold, in WAL pages: only a backstop for a terminal that is never idle
   * (SQLite's default of 1000 pages checkpoints inside whichever commit crosses it, stalling that sale).
   */
  readonly autocheckpointPages: number;
}

/** Defaults: a counter is idle between customers, so the WAL is folded back within a second of a sale. */
export const DEFAULT_WAL_CHECKPOINT: WalCheckpointOptions = { idleMs: 500, autocheckpointPages: 20_000 };

/**
 * Keeps WAL checkpoints off the commit path: SQLite's automatic checkpoint runs inside the commit that fills the WAL
 * past `wal_autocheckpoint` pages (a sale that happens to be that commit waits for the whole checkpoint). This raises
 * that threshold to a backstop and instead runs a PASSIVE checkpoint (it never waits for readers or writers) on a
 * timer, once the database has been idle for a whole tick, so a checkpoint never runs while sales are coming in.
 */
export class WalCheckpointer {
  private readonly changes: Statement;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** What the database looked like at the previous tick, and at the last checkpoint. */
  private lastSeen = '';
  private lastCheckpointed = '';

  constructor(
    private readonly db: Database,
    private readonly options: WalCheckpointOptions = DEFAULT_WAL_CHECKPOINT,
  ) {
    // total_changes counts this connection's writes; data_version moves when another connection commits.
    this.changes = db.prepare('SELECT total_changes() AS n');
  }

  /** Tunes the automatic checkpoint and starts the idle timer (it never keeps the process alive). */
  start(): void {
    this.db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(this.options.autocheckpointPages))}`);
    this.lastSeen = this.lastCheckpointed = this.state();
    this.timer = setInterval(() => this.tick(), this.options.idleMs);
    this.timer.unref?.();
  }

  /** Stops the timer (before the database closes). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * One tick: checkpoints when nothing was written since the previous tick and something since the last
   * checkpoint. Returns whether it checkpointed (tests drive it directly).
   */
  tick(): boolean {
    if (!this.db.open) {
      this.stop();
      return false;
    }
    const now = this.state();
    const idle = now === this.lastSeen;
    this.lastSeen = now;
    if (!idle || now === this.lastCheckpointed || this.db.inTransaction) return false;
    this.checkpoint();
    this.lastCheckpointed = now;
    return true;
  }

  /** A PASSIVE checkpoint now: copies what it can of the WAL into the database without waiting for anyone. */
  checkpoint(): { readonly walPages: number; readonly checkpointed: number } {
    const r = this.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    return { walPages: r[0]?.log ?? 0, checkpointed: r[0]?.checkpointed ?? 0 };
  }

  private state(): string {
    const n = (this.changes.get() as { n: number }).n;
    return `${n}:${String(this.db.pragma('data_version', { simple: true }))}`;
  }
}
