import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The floor of a disk: a minimal durable one-row SQLite transaction, to measure next to an operation. */
export interface CommitFloor {
  /** Commits one row (WAL, synchronous=FULL, IMMEDIATE) and answers how long it took, ms. */
  measure(): number;
  close(): void;
}

/** Opens `floor.sqlite` in `dir` (the same folder as what is measured, so the same disk). */
export function openCommitFloor(dir: string): CommitFloor {
  const db = new BetterSqlite3(join(dir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const tx = db.transaction((v: string) => insert.run(v));
  let n = 0;
  return {
    measure: () => {
      n += 1;
      const t = performance.now();
      tx.immediate(`row ${n}`);
      return performance.now() - t;
    },
    close: () => db.close(),
  };
}
