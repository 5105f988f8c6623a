import type { Migration } from '../migration';

/**
 * The offline promise on the terminal (DESIGN 4): package versions and the floor-limits version the terminal last
 * pulled (an offline sale names them), the offline window's decisions (core/offline/offline-window.ts), each offline
 * command's claim, the clock offset to the server, and quarantined commands (refused by the server as a whole
 * request, kept aside for a manager so they never block the commands behind them).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'offline window, versions, quarantine',
  up(db) {
    db.exec(`
      ALTER TABLE packages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE terminal_identity ADD COLUMN limits_version INTEGER NOT NULL DEFAULT 1;
      -- Server clock minus this terminal's clock, ms, as measured at the last answer from the server.
      ALTER TABLE sync_state ADD COLUMN clock_offset_ms INTEGER;
      ALTER TABLE outbox ADD COLUMN offline_claim TEXT;
      ALTER TABLE acked_commands ADD COLUMN offline_claim TEXT;

      -- Every sale honoured under the offline rules, numbered in decision order. settled = 1 once the server answered
      -- it (or it was quarantined): the window starts at the oldest unsettled decision.
      CREATE TABLE offline_decisions (
        seq INTEGER PRIMARY KEY NOT NULL,
        command_id TEXT NOT NULL UNIQUE,
        retail_amount INTEGER NOT NULL,
        settled INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX offline_decisions_unsettled ON offline_decisions (seq) WHERE settled = 0;
      INSERT INTO counters (name, value) VALUES ('offline_seq', 0);

      CREATE TABLE quarantined_commands (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        clerk_id TEXT,
        offline INTEGER NOT NULL,
        offline_claim TEXT,
        debit INTEGER NOT NULL,
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        quarantined_at TEXT NOT NULL
      ) STRICT;
    `);
    backfillOfflineClaims(db);
  },
};

/**
 * Offline sales the previous release honoured and has not pushed yet get the claim the server now requires: decision
 * numbers in outbox order, one window from the first, limits version 1 (the server numbered the limits it had as 1),
 * and the last sync moved back by the allowed clock drift (the previous release stamped it with its own clock, a
 * little after the server's stamp, which a claim may not pass).
 */
function backfillOfflineClaims(db: Parameters<Migration['up']>[0]): void {
  const sync = db.prepare('SELECT last_sync_at FROM sync_state WHERE singleton = 1').get() as
    { last_sync_at: string | null } | undefined;
  const rows = db
    .prepare(
      "SELECT id, payload FROM outbox WHERE offline = 1 AND type = 'sale.create' AND offline_claim IS NULL ORDER BY seq",
    )
    .all() as { id: string; payload: string }[];
  if (rows.length === 0 || !sync?.last_sync_at) return;
  const lastSyncAt = new Date(Date.parse(sync.last_sync_at) - 5 * 60_000).toISOString();
  const setClaim = db.prepare('UPDATE outbox SET offline_claim = ? WHERE id = ?');
  const decide = db.prepare(
    'INSERT INTO offline_decisions (seq, command_id, retail_amount) VALUES (?, ?, ?)',
  );
  rows.forEach((r, i) => {
    const seq = i + 1;
    const retail = (JSON.parse(r.payload) as { retailAmount: number }).retailAmount;
    setClaim.run(JSON.stringify({ seq, windowStart: 1, limitsVersion: 1, lastSyncAt }), r.id);
    decide.run(seq, r.id, retail);
  });
  db.prepare("UPDATE counters SET value = ? WHERE name = 'offline_seq'").run(rows.length);
}
