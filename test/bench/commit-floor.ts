import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The floor of a disk: a minimal durable one-row SQLite transaction, to measure next to an operation. */
export interface CommitFloor {
  /** Commits one row in each table (WAL, synchronous=FULL, IMMEDIATE) and answers how long it took, ms. */
  measure(): number;
  /**
   * Brings the floor to the steady state of a database in use: `commits` commits, then a checkpoint that lets the
   * WAL be reused from its start, so later commits neither grow the file nor flush its size with every fsync (a fresh
   * file is about twice as slow until its WAL wraps).
   */
  warm(commits: number): void;
  /** WAL frames (pages written) per commit over `commits` commits, from a restarted WAL. */
  framesPerCommit(commits: number): Promise<number>;
  close(): void;
}

/**
 * Opens `floor.sqlite` in `dir` (the same folder as what is measured, so the same disk). With `tables` above 1 it is a
 * wider floor, `floor-N.sqlite`: each commit inserts one row into each of N tables, so it writes N pages (N b-trees
 * touched, one frame each) with the least statement work, which tells apart what a commit's pages cost from what its
 * statements and the code around them cost.
 */
export function openCommitFloor(dir: string, tables = 1): CommitFloor {
  if (!Number.isInteger(tables) || tables < 1) throw new Error(`a floor needs at least one table: ${tables}`);
  const db = new BetterSqlite3(join(dir, tables === 1 ? 'floor.sqlite' : `floor-${tables}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const names = Array.from({ length: tables }, (_, i) => (i === 0 ? 't' : `t${i}`));
  for (const name of names)
    db.exec(`CREATE TABLE IF NOT EXISTS ${name} (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`);
  const inserts = names.map((name) => db.prepare(`INSERT INTO ${name} (v) VALUES (?)`));
  const tx = db.transaction((v: string) => {
    for (const insert of inserts) insert.run(v);
  });
  let n = 0;
  const measure = (): number => {
    n += 1;
    const t = performance.now();
    tx.immediate(`row ${n}`);
    return performance.now() - t;
  };
  return {
    measure,
    warm: (commits) => {
      for (let i = 0; i < commits; i++) measure();
      restartWal(db);
    },
    framesPerCommit: (commits) => framesPer(db, commits, () => measure()),
    close: () => db.close(),
  };
}

/**
 * The pages one commit writes, on average over `commits` runs of `commit` from a restarted WAL: each WAL frame is one
 * page, so this counts the b-tree pages (tables and indexes) a transaction touches. Deterministic, unlike time.
 */
export async function framesPer(db: Database, commits: number, commit: () => unknown): Promise<number> {
  restartWal(db);
  for (let i = 0; i < commits; i++) await commit();
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
  restartWal(db);
  return (row?.log ?? 0) / commits;
}

/**
 * Checkpoints everything and makes the next writer start the WAL over from its beginning (RESTART), keeping the file
 * at its size: the steady state of a database that is checkpointed while in use.
 */
export function restartWal(db: Database): void {
  db.pragma('wal_checkpoint(RESTART)');
}
