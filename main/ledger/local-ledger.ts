import type { Database, Statement } from 'better-sqlite3';
import type {
  Change,
  CommandOutcome,
  OfflineClaim,
  OutboxCommand,
  PushResponse,
  RejectReason,
} from '../../core/sync/protocol';
import { MANAGER_REJECT_REASONS } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import { checkCommandTime } from './command-time';
import {
  outcomeToAck,
  type AckRecord,
  type BalanceView,
  type Clock,
  type CommandEffects,
  type CommandListItem,
  type NewOperation,
} from './ledger-types';

interface OutboxRow {
  seq: number;
  id: string;
  type: string;
  payload: string;
  created_at: string;
  clerk_id: string | null;
  offline: number;
  debit: number;
  offline_amount: number;
  offline_claim: string | null;
  attempts: number;
}

/** The sync bookkeeping the engine and the status bar read. */
export interface SyncState {
  readonly cursor: string;
  readonly lastSyncAt: string | null;
  readonly lastContactOnline: boolean;
  readonly lastContactAt: string | null;
  readonly lastError: string | null;
  /** Server clock minus this terminal's clock as last measured, ms (null before the first answer). */
  readonly clockOffsetMs: number | null;
}

/** The offline window as the next offline decision would see it (core/offline/offline-window.ts). */
export interface OfflineWindow {
  /** The next decision's number. */
  readonly seq: number;
  /** The oldest decision the server has not answered (or `seq` when none waits). */
  readonly windowStart: number;
  /** Retail total of the decisions numbered windowStart <= n < seq. */
  readonly exposure: number;
  /** Retail total of every decision before `seq` (the running total the next decision adds to). */
  readonly totalBefore: number;
}

/** Which commands `listCommands` returns. */
export type CommandFilter = 'pending' | 'rejected' | 'applied' | 'quarantined';

const iso = (ms: number): string => new Date(ms).toISOString();

function sumsToZero(op: NewOperation): boolean {
  const totals = new Map<string, number>();
  for (const p of op.postings) totals.set(p.currency, (totals.get(p.currency) ?? 0) + p.amount);
  return [...totals.values()].every((v) => v === 0);
}

function summarize(type: string, payloadText: string): string {
  try {
    const p = JSON.parse(payloadText) as Record<string, unknown>;
    if (type === 'sale.create')
      return `Sale ${String(p.saleNumber)}: ${String(p.quantity)} x to ${String(p.customerAccount)}`;
    if (type === 'sale.void') return `Cancel refused sale ${String(p.saleId).slice(-8)} on the server`;
    if (type === 'card.batch')
      return `Card series from the PIN reserve: ${Array.isArray(p.cardIds) ? p.cardIds.length : '?'} cards`;
    if (type === 'card.redeem') return `Card redemption for ${String(p.customerAccount)}`;
    if (type === 'stock.sale')
      return `Stock sale ${String(p.saleNumber)}: ${String(p.quantity)} x to ${String(p.customerAccount)}`;
    if (type === 'stock.release')
      return `Stock given back: ${String(p.quantity)} x ${String(p.packageId).slice(-8)}`;
    if (type === 'shift.open') return `Shift #${String(p.shiftNumber)} opened`;
    if (type === 'shift.close') return `Shift closed: Z-report ${String(p.zNumber)}`;
  } catch {
    // fall through
  }
  return type;
}

/** Every statement the ledger runs, prepared once per connection. */
function prepareStatements(db: Database) {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    insertEntry: p(
      'INSERT INTO journal_entries (id, kind, command_id, reverses_entry_id, clerk_id, memo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertPosting: p(
      'INSERT INTO journal_postings (entry_id, account, amount, currency) VALUES (?, ?, ?, ?)',
    ),
    insertOutbox: p(
      'INSERT INTO outbox (id, type, payload, created_at, clerk_id, offline, offline_claim, debit, offline_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    nextCounter: p('UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value'),
    // Everything the balance view adds up, in one read: the outbox's running totals (kept in counters by triggers,
    // migration 19), the debits acknowledged but not yet inside a pulled balance, and the server's balance.
    balanceSources: p(
      `SELECT o.debit, o.offline, o.n,
         (SELECT COALESCE(SUM(debit), 0) FROM acked_commands WHERE balance_settled = 0 AND status = 'applied')
           AS unsettled,
         b.currency, b.balance
       FROM (SELECT MAX(CASE name WHEN 'outbox_debit' THEN value END) AS debit,
               MAX(CASE name WHEN 'outbox_offline_amount' THEN value END) AS offline,
               MAX(CASE name WHEN 'outbox_count' THEN value END) AS n
             FROM counters WHERE name IN ('outbox_debit', 'outbox_offline_amount', 'outbox_count')) o
       LEFT JOIN server_balance b ON b.singleton = 1`,
    ),
    peekOutbox: p('SELECT * FROM outbox ORDER BY seq LIMIT ?'),
    outboxById: p('SELECT * FROM outbox WHERE id = ?'),
    ackedById: p('SELECT type, payload FROM acked_commands WHERE id = ?'),
    deleteOutbox: p('DELETE FROM outbox WHERE id = ?'),
    markAttempt: p(
      'UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ? WHERE seq BETWEEN ? AND ?',
    ),
    markOffline: p('UPDATE outbox SET offline = 1, offline_amount = ?, offline_claim = ? WHERE id = ?'),
    insertAck: p(
      `INSERT INTO acked_commands (id, type, payload, created_at, clerk_id, offline, offline_claim, debit, status,
         duplicate, result, reason, message, acked_at, balance_settled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // A reversal carries the command id of the entry it reverses (reverseEntries), so both reads walk
    // journal_entries_command instead of the whole journal.
    entriesOfCommand: p(
      `SELECT e.id FROM journal_entries e WHERE e.command_id = ? AND e.reverses_entry_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.command_id = e.command_id AND r.reverses_entry_id = e.id)`,
    ),
    postingsOf: p('SELECT account, amount, currency FROM journal_postings WHERE entry_id = ?'),
    syncState: p('SELECT * FROM sync_state WHERE singleton = 1'),
    setCursor: p('UPDATE sync_state SET cursor = ? WHERE singleton = 1'),
    setSynced: p(
      'UPDATE sync_state SET last_sync_at = ?, last_contact_online = 1, last_contact_at = ?, last_error = NULL WHERE singleton = 1',
    ),
    setClockOffset: p('UPDATE sync_state SET clock_offset_ms = ? WHERE singleton = 1'),
    // The next decision's number, the window's start (the oldest unsettled decision) and the retail total of the
    // decisions before each: the exposure is the difference of two running totals, two point reads (migration 19).
    offlineWindow: p(
      `WITH n AS (SELECT value + 1 AS seq FROM counters WHERE name = 'offline_seq'),
            w AS (SELECT n.seq, COALESCE((SELECT MIN(seq) FROM offline_decisions WHERE settled = 0), n.seq) AS start
                    FROM n)
       SELECT w.seq, w.start,
         COALESCE((SELECT running_total FROM offline_decisions WHERE seq < w.seq ORDER BY seq DESC LIMIT 1), 0)
           AS total_before_seq,
         COALESCE((SELECT running_total FROM offline_decisions WHERE seq < w.start ORDER BY seq DESC LIMIT 1), 0)
           AS total_before_start
       FROM w`,
    ),
    insertDecision: p(
      'INSERT INTO offline_decisions (seq, command_id, retail_amount, running_total) VALUES (?, ?, ?, ?)',
    ),
    settleDecision: p('UPDATE offline_decisions SET settled = 1 WHERE command_id = ?'),
    requeueQuarantined: p(
      `INSERT INTO outbox (id, type, payload, created_at, clerk_id, offline, offline_claim, debit, offline_amount)
         SELECT id, type, payload, created_at, clerk_id, offline, offline_claim, debit, 0 FROM quarantined_commands
          WHERE id = ?`,
    ),
    deleteQuarantined: p('DELETE FROM quarantined_commands WHERE id = ?'),
    reopenDecision: p('UPDATE offline_decisions SET settled = 0 WHERE command_id = ?'),
    insertQuarantine: p(
      `INSERT INTO quarantined_commands (id, type, payload, created_at, clerk_id, offline, offline_claim, debit, reason,
         message, quarantined_at) SELECT id, type, payload, created_at, clerk_id, offline, offline_claim, debit, ?, ?, ?
         FROM outbox WHERE id = ?`,
    ),
    setContact: p(
      'UPDATE sync_state SET last_contact_online = ?, last_contact_at = ?, last_error = ? WHERE singleton = 1',
    ),
    maxAckSeq: p('SELECT COALESCE(MAX(seq), 0) AS m FROM acked_commands'),
    settle: p('UPDATE acked_commands SET balance_settled = 1 WHERE balance_settled = 0 AND seq <= ?'),
    upsertBalance: p(
      `INSERT INTO server_balance (singleton, reseller_id, currency, balance, seq, updated_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (singleton) DO UPDATE SET reseller_id = excluded.reseller_id, currency = excluded.currency,
         balance = excluded.balance, seq = excluded.seq, updated_at = excluded.updated_at
       WHERE CAST(excluded.seq AS INTEGER) > CAST(server_balance.seq AS INTEGER)`,
    ),
    ownReseller: p('SELECT reseller_id, terminal_id FROM terminal_identity WHERE singleton = 1'),
    upsertPackage: p(
      `INSERT INTO packages (id, code, name, kind, face_value, wholesale_price, retail_price, currency, validity_days,
         active, version, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, kind = excluded.kind,
         face_value = excluded.face_value, wholesale_price = excluded.wholesale_price,
         retail_price = excluded.retail_price, currency = excluded.currency, validity_days = excluded.validity_days,
         active = excluded.active, version = excluded.version, updated_at = excluded.updated_at, seq = excluded.seq`,
    ),
    saleServerStatus: p('UPDATE sales SET server_status = ? WHERE id = ?'),
    terminalSettings: p(
      `UPDATE terminal_identity SET terminal_name = ?, floor_per_sale_max = ?, floor_total_offline_max = ?,
         floor_max_hours_since_sync = ?, limits_version = ? WHERE singleton = 1 AND terminal_id = ?`,
    ),
  };
}
type Statements = ReturnType<typeof prepareStatements>;

/**
 * The terminal's local ledger over SQLite: journal + outbox + acknowledged log + server mirror, with every
 * statement prepared once. Each public write is one IMMEDIATE transaction, so a crash leaves whole operations.
 */
export class LocalLedger {
  private readonly effects = new Map<string, CommandEffects>();
  private readonly changeHandlers = new Map<string, (change: Change) => void>();
  private readonly s: Statements;
  /** One INSERT of n postings, by n (an entry has a handful): one statement per entry instead of one per posting. */
  private readonly postingInserts = new Map<number, Statement>();
  /**
   * better-sqlite3's IMMEDIATE wrapper, made once: it runs the function it is given. (`db.transaction(fn)` builds four
   * wrapper functions and their properties on every call, a few microseconds per sale.)
   */
  private readonly immediate: (fn: () => unknown) => unknown;

  constructor(
    readonly db: Database,
    private readonly clock: Clock = Date.now,
  ) {
    this.s = prepareStatements(db);
    this.immediate = db.transaction((fn: () => unknown) => fn()).immediate;
  }

  /** Registers what a command type does locally when its outcome arrives (e.g. sales mark themselves reversed). */
  registerEffects(type: string, effects: CommandEffects): void {
    this.effects.set(type, effects);
  }

  /** Registers what a change-feed kind does to local rows (e.g. the cards mirror); runs inside the pull's transaction. */
  registerChangeHandler<K extends Change['kind']>(
    kind: K,
    handler: (change: Extract<Change, { kind: K }>) => void,
  ): void {
    this.changeHandlers.set(kind, handler as (change: Change) => void);
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction (the only way services write money rows); inside another transaction it is
   * a savepoint of that one, as with better-sqlite3's own wrapper. `fn` must not return a promise.
   */
  transaction<T>(fn: () => T): T {
    return this.immediate(fn) as T;
  }

  /** Takes the next value of a named counter; call inside `transaction`. */
  nextCounter(name: string): number {
    const row = this.s.nextCounter.get(name) as { value: number } | undefined;
    if (!row) throw new Error(`no counter ${name}`);
    return row.value;
  }

  /**
   * Writes one operation's journal entry and outbox command; call inside `transaction` together with the
   * operation's own rows so journal + outbox + view commit at once.
   */
  writeOperation(op: NewOperation): string {
    if (!sumsToZero(op)) throw new Error('journal entry postings must sum to zero per currency');
    const c = op.command;
    checkCommandTime(c.createdAt);
    const entryId = uuidv7(this.clock());
    this.s.insertEntry.run(entryId, op.entryKind, c.id, null, c.clerkId, op.memo, c.createdAt);
    const values: unknown[] = [];
    for (const posting of op.postings)
      values.push(entryId, posting.account, posting.amount, posting.currency);
    if (values.length > 0) this.insertPostings(op.postings.length).run(values);
    this.s.insertOutbox.run(
      c.id,
      c.type,
      JSON.stringify(c.payload),
      c.createdAt,
      c.clerkId,
      c.offline ? 1 : 0,
      c.offlineClaim ? JSON.stringify(c.offlineClaim) : null,
      op.debit,
      op.offlineAmount,
    );
    return entryId;
  }

  /**
   * Queues a command that has no journal effect of its own when written (e.g. `sale.void`: its effect, if any,
   * is booked when the server answers). Runs inside the caller's transaction.
   */
  writeCommand(c: OutboxCommand, debit: number, offlineAmount: number): void {
    checkCommandTime(c.createdAt);
    this.s.insertOutbox.run(
      c.id,
      c.type,
      JSON.stringify(c.payload),
      c.createdAt,
      c.clerkId,
      c.offline ? 1 : 0,
      c.offlineClaim ? JSON.stringify(c.offlineClaim) : null,
      debit,
      offlineAmount,
    );
  }

  /**
   * Reverses the journal entries of a command with new entries (never edits): used when the server undid something
   * the terminal had booked, e.g. a sale voided after it was refused at the counter. Runs in the caller's transaction.
   */
  reverseCommand(commandId: string, clerkId: string | null, memo: string): void {
    this.reverseEntries(commandId, clerkId, memo, iso(this.clock()));
  }

  /**
   * The local balance view, computed from its sources (so it always equals them). `window` is the offline window
   * already read in this transaction, if any (it is then not read again).
   */
  balanceView(window: OfflineWindow = this.offlineWindow()): BalanceView {
    const r = this.s.balanceSources.get() as {
      debit: number;
      n: number;
      unsettled: number;
      currency: string | null;
      balance: number | null;
    };
    const pendingDebits = r.debit + r.unsettled;
    return {
      currency: r.currency,
      serverBalance: r.balance,
      pendingDebits,
      available: (r.balance ?? 0) - pendingDebits,
      pendingOfflineTotal: window.exposure,
      pendingCount: r.n,
    };
  }

  /**
   * The offline window as the next offline decision would see it (core/offline/offline-window.ts): its number, the
   * window's start (the oldest decision the server has not answered), and the exposure before it.
   */
  offlineWindow(): OfflineWindow {
    const r = this.s.offlineWindow.get() as {
      seq: number;
      start: number;
      total_before_seq: number;
      total_before_start: number;
    };
    return {
      seq: r.seq,
      windowStart: r.start,
      exposure: r.total_before_seq - r.total_before_start,
      totalBefore: r.total_before_seq,
    };
  }

  /**
   * Numbers a sale honoured under the offline rules and returns the claim its command carries; call inside the
   * transaction that writes (or marks) the command, after the rule accepted it with `window` (read in this same
   * transaction, by default now).
   */
  recordOfflineDecision(
    commandId: string,
    retailAmount: number,
    limitsVersion: number,
    lastSyncAt: string,
    window: OfflineWindow = this.offlineWindow(),
  ): OfflineClaim {
    if (this.nextCounter('offline_seq') !== window.seq)
      throw new Error('offline decision numbers out of step');
    this.s.insertDecision.run(window.seq, commandId, retailAmount, window.totalBefore + retailAmount);
    return { seq: window.seq, windowStart: window.windowStart, limitsVersion, lastSyncAt };
  }

  /** Records the server's clock from an answer received at `receivedAtMs` (this terminal's clock). */
  recordServerTime(serverTime: string, receivedAtMs: number): void {
    this.s.setClockOffset.run(Date.parse(serverTime) - receivedAtMs);
  }

  /**
   * Takes a command the server refused as a whole request out of the outbox, for a manager: it keeps its local effect
   * (a sale honoured at the counter stays in the drawer), stops blocking the commands behind it, and leaves the
   * offline window (the server will never count it).
   */
  quarantine(commandId: string, reason: string, message: string): boolean {
    return this.transaction(() => {
      if (this.s.insertQuarantine.run(reason, message, iso(this.clock()), commandId).changes !== 1)
        return false;
      this.s.deleteOutbox.run(commandId);
      this.s.settleDecision.run(commandId);
      return true;
    });
  }

  /** The oldest `limit` outbox commands, in push order. */
  peekOutbox(limit: number): OutboxCommand[] {
    return (this.s.peekOutbox.all(limit) as OutboxRow[]).map(toCommand);
  }

  /** The outbox command with this id, if still pending. */
  pendingCommand(id: string): OutboxCommand | null {
    const row = this.s.outboxById.get(id) as OutboxRow | undefined;
    return row ? toCommand(row) : null;
  }

  /** Counts one push attempt for the outbox rows a batch carried (by seq range). */
  markAttempt(commands: readonly OutboxCommand[]): void {
    if (commands.length === 0) return;
    const first = this.s.outboxById.get(commands[0]!.id) as OutboxRow | undefined;
    const last = this.s.outboxById.get(commands[commands.length - 1]!.id) as OutboxRow | undefined;
    if (first && last) this.s.markAttempt.run(iso(this.clock()), first.seq, last.seq);
  }

  /**
   * Marks a still-pending command as honoured under the offline rules (its push got no answer in time): it now
   * counts toward the offline total, and is sent as `offline: true` from now on. Returns false if already acked.
   */
  markHonouredOffline(id: string, offlineAmount: number, claim: OfflineClaim): boolean {
    return this.s.markOffline.run(offlineAmount, JSON.stringify(claim), id).changes === 1;
  }

  /**
   * Applies the server's outcomes in one transaction: each acknowledged command leaves the outbox for the acked
   * log; a rejection gets a compensating journal entry (never an edit) and its type's `rejected` effect.
   *
   * `sent` is the batch as it was pushed. A command sent online whose answer is a rejection, but which the counter
   * honoured offline while the answer was on its way, is not settled by that answer: it stays in the outbox and is
   * sent again as honoured offline, which the server judges again under the offline rules.
   */
  applyOutcomes(
    outcomes: readonly CommandOutcome[],
    sent: readonly OutboxCommand[] = [],
    balance: PushResponse['balance'] = null,
  ): AckRecord[] {
    const now = iso(this.clock());
    const sentOnline = new Set(sent.filter((c) => !c.offline).map((c) => c.id));
    return this.transaction(() => {
      // The balance this push left (newer than what the last pull brought): every command acknowledged so far is in
      // it, so their debits stop counting as pending; commands still in the outbox keep counting.
      const settleAll = (): void => {
        if (!balance) return;
        const own = this.s.ownReseller.get() as { reseller_id: string } | undefined;
        if (!own) return;
        const stored = this.s.upsertBalance.run(
          own.reseller_id,
          balance.currency,
          balance.balance,
          balance.seq,
          now,
        );
        if (stored.changes === 1) this.s.settle.run(this.ackWatermark());
      };
      const acks: AckRecord[] = [];
      for (const outcome of outcomes) {
        const row = this.s.outboxById.get(outcome.id) as OutboxRow | undefined;
        if (!row) continue; // already acknowledged earlier
        const ack = outcomeToAck(row.type, outcome);
        if (ack.status === 'rejected' && row.offline === 1 && sentOnline.has(row.id)) continue;
        const command = toCommand(row);
        this.s.deleteOutbox.run(row.id);
        this.s.insertAck.run(
          row.id,
          row.type,
          row.payload,
          row.created_at,
          row.clerk_id,
          row.offline,
          row.offline_claim,
          row.debit,
          ack.status,
          ack.duplicate ? 1 : 0,
          ack.result === null || ack.result === undefined ? null : JSON.stringify(ack.result),
          ack.reason,
          ack.message,
          now,
          ack.status === 'rejected' ? 1 : 0,
        );
        this.s.settleDecision.run(row.id);
        const effects = this.effects.get(row.type);
        if (ack.status === 'rejected') {
          this.reverseEntries(row.id, row.clerk_id, `rejected by server: ${ack.reason!}`, now);
          effects?.rejected?.(command, ack.reason!, ack.message!);
        } else {
          effects?.applied?.(command, ack.result);
        }
        acks.push(ack);
      }
      settleAll();
      return acks;
    });
  }

  private insertPostings(n: number): Statement {
    let st = this.postingInserts.get(n);
    if (!st) {
      st = this.db.prepare(
        `INSERT INTO journal_postings (entry_id, account, amount, currency) VALUES ${Array(n).fill('(?, ?, ?, ?)').join(', ')}`,
      );
      this.postingInserts.set(n, st);
    }
    return st;
  }

  private reverseEntries(commandId: string, clerkId: string | null, memo: string, at: string): void {
    for (const { id } of this.s.entriesOfCommand.all(commandId) as { id: string }[]) {
      const reversal = uuidv7(this.clock());
      this.s.insertEntry.run(reversal, 'reversal', commandId, id, clerkId, memo, at);
      for (const p of this.s.postingsOf.all(id) as { account: string; amount: number; currency: string }[]) {
        this.s.insertPosting.run(reversal, p.account, -p.amount, p.currency);
      }
    }
  }

  /** The highest acked-log sequence now: a pull that starts after this reflects those commands in the balance. */
  ackWatermark(): number {
    return (this.s.maxAckSeq.get() as { m: number }).m;
  }

  /**
   * Applies one page of the change feed and its cursor in one transaction. On the last page (`hasMore` false)
   * it also marks acknowledgements up to `ackWatermark` as inside the pulled balance and records the sync time.
   */
  applyChanges(
    changes: readonly Change[],
    cursor: string,
    hasMore: boolean,
    ackWatermark: number,
    serverTime: string,
  ): void {
    const now = iso(this.clock());
    this.transaction(() => {
      const own = this.s.ownReseller.get() as { reseller_id: string; terminal_id: string } | undefined;
      for (const ch of changes) {
        switch (ch.kind) {
          case 'balance':
            if (!own || ch.data.resellerId === own.reseller_id) {
              this.s.upsertBalance.run(ch.data.resellerId, ch.data.currency, ch.data.balance, ch.seq, now);
            }
            break;
          case 'package': {
            const d = ch.data;
            this.s.upsertPackage.run(
              d.id,
              d.code,
              d.name,
              d.kind,
              d.faceValue,
              d.wholesalePrice,
              d.retailPrice,
              d.currency,
              d.validityDays,
              d.active ? 1 : 0,
              d.version,
              d.updatedAt,
              ch.seq,
            );
            break;
          }
          case 'sale':
            this.s.saleServerStatus.run(ch.data.status, ch.data.saleId);
            this.changeHandlers.get(ch.kind)?.(ch);
            break;
          case 'terminal_settings': {
            const f = ch.data.floorLimits;
            this.s.terminalSettings.run(
              ch.data.terminalName,
              f.perSaleMax,
              f.totalOfflineMax,
              f.maxHoursSinceSync,
              ch.data.limitsVersion,
              ch.data.terminalId,
            );
            break;
          }
          case 'cards':
          case 'cards_minted':
          case 'cards_deleted':
          case 'wallet_notice':
          case 'stock':
            this.changeHandlers.get(ch.kind)?.(ch);
            break;
        }
      }
      this.s.setCursor.run(cursor);
      if (!hasMore) {
        this.s.settle.run(ackWatermark);
        // The last sync is the server's stamp of it: the offline window's hours count from it on both sides.
        this.s.setSynced.run(serverTime, now);
      }
    });
  }

  /** The sync cursor, last sync time and last contact state. */
  syncState(): SyncState {
    const r = this.s.syncState.get() as {
      cursor: string;
      last_sync_at: string | null;
      last_contact_online: number;
      last_contact_at: string | null;
      last_error: string | null;
      clock_offset_ms: number | null;
    };
    return {
      cursor: r.cursor,
      lastSyncAt: r.last_sync_at,
      lastContactOnline: r.last_contact_online === 1,
      lastContactAt: r.last_contact_at,
      lastError: r.last_error,
      clockOffsetMs: r.clock_offset_ms,
    };
  }

  /** Records the outcome of a contact with the server (online or not, and the error if any). */
  recordContact(online: boolean, error: string | null): void {
    this.s.setContact.run(online ? 1 : 0, iso(this.clock()), error);
  }

  /**
   * Puts a quarantined command back at the end of the outbox (a manager's decision, once what refused it is fixed);
   * an offline sale rejoins the offline window. Returns false when no such command is quarantined.
   */
  requeue(commandId: string): boolean {
    return this.transaction(() => {
      if (this.s.requeueQuarantined.run(commandId).changes !== 1) return false;
      this.s.deleteQuarantined.run(commandId);
      this.s.reopenDecision.run(commandId);
      return true;
    });
  }

  /** Commands for the Sync screen, newest first, paged by `before` (an opaque cursor from the previous page). */
  listCommands(
    filter: CommandFilter,
    limit: number,
    before: string | null,
  ): { items: CommandListItem[]; next: string | null } {
    const beforeSeq = before === null ? Number.MAX_SAFE_INTEGER : Number(before);
    let rows: (Record<string, unknown> & { seq: number })[];
    if (filter === 'pending') {
      rows = this.db
        .prepare(
          'SELECT *, NULL AS status, NULL AS acked_at FROM outbox WHERE seq < ? ORDER BY seq DESC LIMIT ?',
        )
        .all(beforeSeq, limit + 1) as typeof rows;
    } else if (filter === 'quarantined') {
      rows = this.db
        .prepare(
          `SELECT *, 'quarantined' AS status, quarantined_at AS acked_at, 0 AS attempts FROM quarantined_commands
            WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
        )
        .all(beforeSeq, limit + 1) as typeof rows;
    } else {
      rows = this.db
        .prepare(
          'SELECT *, 0 AS attempts FROM acked_commands WHERE status = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
        )
        .all(filter, beforeSeq, limit + 1) as typeof rows;
    }
    const page = rows.slice(0, limit);
    const items = page.map((r): CommandListItem => ({
      id: r.id as string,
      type: r.type as string,
      state: r.status === null ? 'pending' : (r.status as CommandListItem['state']),
      createdAt: r.created_at as string,
      clerkId: (r.clerk_id as string | null) ?? null,
      offline: r.offline === 1,
      attempts: (r.attempts as number) ?? 0,
      summary: summarize(r.type as string, r.payload as string),
      reason: (r.reason as string | null | undefined) ?? null,
      message: (r.message as string | null | undefined) ?? null,
      ackedAt: (r.acked_at as string | null) ?? null,
      needsManager:
        r.status === 'quarantined' ||
        (r.status === 'rejected' &&
          (r.offline === 1 || MANAGER_REJECT_REASONS.has(r.reason as RejectReason))),
    }));
    const next = rows.length > limit && page.length > 0 ? String(page[page.length - 1]!.seq) : null;
    return { items, next };
  }

  /** A one-line description of a command (pending or acknowledged), or null when unknown. */
  describeCommand(id: string): string | null {
    const row = (this.s.outboxById.get(id) ?? this.s.ackedById.get(id)) as
      { type: string; payload: string } | undefined;
    return row ? summarize(row.type, row.payload) : null;
  }

  /** Sum of postings per account over the whole journal (tests check entries balance and views agree). */
  accountTotals(): Record<string, number> {
    const rows = this.db
      .prepare('SELECT account, SUM(amount) AS total FROM journal_postings GROUP BY account')
      .all() as {
      account: string;
      total: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.account, r.total]));
  }
}

function toCommand(row: OutboxRow): OutboxCommand {
  return {
    id: row.id,
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
    createdAt: row.created_at,
    clerkId: row.clerk_id,
    offline: row.offline === 1,
    ...(row.offline_claim ? { offlineClaim: JSON.parse(row.offline_claim) as OfflineClaim } : {}),
  };
}
