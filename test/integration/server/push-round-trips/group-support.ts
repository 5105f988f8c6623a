import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboxCommand } from '../../../../core/sync/protocol';
import { loadCardKeys } from '../../../../server/cards/card-keys';
import type { Database, Queryable } from '../../../../server/db/database';
import type { PendingPush } from '../../../../server/sync/push-service';
import type { TenantFixture } from '../api-harness';

/**
 * The Database, whose transactions hold before COMMIT until `release` is called: the group has locked, read and
 * written, and keeps the reseller's lock. `holding` resolves once a transaction got there.
 */
export function holdingBeforeCommit(db: Database): {
  db: Database;
  holding: Promise<void>;
  release: () => void;
} {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let reached!: () => void;
  const holding = new Promise<void>((r) => (reached = r));
  return {
    holding,
    release,
    db: {
      kind: db.kind,
      query: (sql, params) => db.query(sql, params),
      execScript: (sql) => db.execScript(sql),
      close: () => db.close(),
      transaction: (fn) =>
        db.transaction(async (tx: Queryable) => {
          const out = await fn(tx);
          reached();
          await gate;
          return out;
        }),
    },
  };
}

/** Resolves once `n` sessions of this test's own database wait for a lock. */
export async function lockWaiters(db: Database, n: number): Promise<void> {
  for (;;) {
    const rows = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (Number(rows[0]!.n) >= n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Builds a terminal's pending push for `pushGroup`, all with one push context (card keys of their own). */
export function pendingPushes(): (t: TenantFixture, commands: OutboxCommand[]) => PendingPush {
  const context = {
    cardKeys: loadCardKeys(undefined, mkdtempSync(join(tmpdir(), 'refill-keys-'))),
    ip: '127.0.0.1',
  };
  return (t, commands) => ({
    terminal: { resellerId: t.resellerId, terminalId: t.terminal.terminalId },
    commands,
    context,
  });
}

/**
 * The real Database, counting the statements each transaction sends: BEGIN, every `query` of the transaction, and
 * COMMIT (the two the Database itself sends around `fn`).
 */
export function countingStatements(db: Database): { db: Database; perTransaction: number[] } {
  const perTransaction: number[] = [];
  return {
    perTransaction,
    db: {
      kind: db.kind,
      query: (sql, params) => db.query(sql, params),
      execScript: (sql) => db.execScript(sql),
      close: () => db.close(),
      transaction: async (fn) => {
        let n = 2; // BEGIN and COMMIT
        const out = await db.transaction((tx) => {
          const counted: Queryable = {
            query: (sql, params) => {
              n += 1;
              return tx.query(sql, params);
            },
            execScript: (sql) => {
              n += 1;
              return tx.execScript(sql);
            },
          };
          return fn(counted);
        });
        perTransaction.push(n);
        return out;
      },
    },
  };
}

/** How many sales of a terminal the server holds. */
export async function terminalSales(db: Database, t: TenantFixture): Promise<number> {
  const rows = await db.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM sales WHERE reseller_id = $1 AND terminal_id = $2',
    [t.resellerId, t.terminal.terminalId],
  );
  return Number(rows[0]!.n);
}
