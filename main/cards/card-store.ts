import type { Database } from 'better-sqlite3';
import type { CardPage, CardRow, CardValidity, RedemptionItem } from '../../core/contract/types/cards';
import type { CardStatus } from '../../core/cards/card-schemas';
import { formatSerial } from '../../core/cards/card-serial';
import type { Change } from '../../core/sync/protocol';

/** The cards table's advanced search, as the contract validated it. */
export interface LocalCardFilter {
  readonly status?: CardStatus | undefined;
  readonly validity?: CardValidity | undefined;
  readonly seriesId?: string | undefined;
  readonly prefix?: string | undefined;
  readonly serialFrom?: string | undefined;
  readonly serialTo?: string | undefined;
  readonly amount?: number | undefined;
  readonly ownerId?: string | undefined;
  readonly createdFrom?: string | undefined;
  readonly createdTo?: string | undefined;
  readonly expiresFrom?: string | undefined;
  readonly expiresTo?: string | undefined;
}

/** A card mirrored from the change feed. */
type CardView = Extract<Change, { kind: 'cards' }>['data']['cards'][number];
/** A `cards_minted` change's data. */
type MintedCards = Extract<Change, { kind: 'cards_minted' }>['data'];

interface CardDbRow {
  id: string;
  serial: string;
  series_id: string;
  owner_id: string;
  amount: number;
  currency: string;
  status: CardStatus;
  validity: CardValidity;
  expires_at: string;
  activated_at: string | null;
  customer_id: string | null;
  created_at: string;
  pin_held: number;
}

/**
 * A card past its date that the server's expiry job has not marked yet shows as expired: the status a filter and the
 * table use. `?` is the current time (ISO).
 */
const EFFECTIVE_STATUS = `CASE WHEN c.status = 'new' AND c.expires_at <= ? THEN 'expired' ELSE c.status END`;

/** The SQL of a filter over alias `c`, with its parameters. */
function filterSql(f: LocalCardFilter, nowIso: string): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]): void => {
    parts.push(sql);
    params.push(...values);
  };
  if (f.status) add(`${EFFECTIVE_STATUS} = ?`, nowIso, f.status);
  if (f.validity) add('c.validity = ?', f.validity);
  if (f.seriesId) add('c.series_id = ?', f.seriesId.toLowerCase());
  if (f.prefix) add("c.serial >= ? || '-' AND c.serial < ? || '.'", f.prefix, f.prefix);
  if (f.serialFrom) add('c.serial >= ?', f.serialFrom);
  if (f.serialTo) add('c.serial <= ?', f.serialTo);
  if (f.amount !== undefined) add('c.amount = ?', f.amount);
  if (f.ownerId) add('c.owner_id = ?', f.ownerId.toLowerCase());
  if (f.createdFrom) add('c.created_at >= ?', f.createdFrom);
  if (f.createdTo) add('c.created_at <= ?', f.createdTo);
  if (f.expiresFrom) add('c.expires_at >= ?', f.expiresFrom);
  if (f.expiresTo) add('c.expires_at <= ?', f.expiresTo);
  return { where: parts.length > 0 ? parts.join(' AND ') : '1', params };
}

const toRow = (r: CardDbRow): CardRow => ({
  id: r.id,
  serial: r.serial,
  seriesId: r.series_id,
  ownerId: r.owner_id,
  amount: r.amount,
  currency: r.currency,
  status: r.status,
  validity: r.validity,
  expiresAt: r.expires_at,
  activatedAt: r.activated_at,
  customerId: r.customer_id,
  createdAt: r.created_at,
  pinHeld: r.pin_held === 1,
});

/** A card as the voucher printer reads it. */
export interface PrintRow {
  readonly id: string;
  readonly serial: string;
  readonly amount: number;
  readonly currency: string;
  readonly expires_at: string;
  readonly validity: CardValidity;
  readonly status: CardStatus;
  readonly pin_sealed: Buffer | null;
  readonly prints: number;
}

/** A reserve pair as stored: its PIN sealed. */
export interface StoredReservePair {
  readonly id: string;
  readonly serial: string;
  readonly pinLength: number;
  readonly pinSealed: Buffer;
}

/** A card drawn from the reserve or stored after minting, with its sealed PIN. */
export interface NewLocalCard {
  readonly id: string;
  readonly serial: string;
  readonly seriesId: string;
  readonly ownerId: string;
  readonly amount: number;
  readonly currency: string;
  readonly validity: CardValidity;
  readonly expiresAt: string;
  readonly createdAt: string;
  readonly batchCommandId: string | null;
  readonly pinSealed: Buffer;
  readonly pinLength: number;
}

/** Named queries over the cards mirror, the PINs this terminal holds, the PIN reserve, the audit and redemptions. */
export class CardStore {
  private readonly q;

  constructor(private readonly db: Database) {
    this.q = {
      upsertFromFeed: db.prepare(
        `INSERT INTO cards (id, serial, series_id, owner_id, amount, currency, status, validity, expires_at,
           activated_at, customer_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'valid', ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, owner_id = excluded.owner_id,
           amount = excluded.amount, expires_at = excluded.expires_at, activated_at = excluded.activated_at,
           customer_id = excluded.customer_id, series_id = excluded.series_id, validity = 'valid'`,
      ),
      deleteCard: db.prepare('DELETE FROM cards WHERE id = ?'),
      deletePin: db.prepare('DELETE FROM card_pins WHERE card_id = ?'),
      insertCard: db.prepare(
        `INSERT INTO cards (id, serial, series_id, owner_id, amount, currency, status, validity, expires_at,
           created_at, batch_command_id) VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      ),
      insertPin: db.prepare(
        'INSERT INTO card_pins (card_id, pin_sealed, pin_length) VALUES (?, ?, ?) ON CONFLICT (card_id) DO NOTHING',
      ),
      pin: db.prepare(
        'SELECT p.pin_sealed, c.serial FROM card_pins p JOIN cards c ON c.id = p.card_id WHERE p.card_id = ?',
      ),
      setBatchValidity: db.prepare(
        "UPDATE cards SET validity = ? WHERE batch_command_id = ? AND validity = 'not_yet_valid'",
      ),
      batchCardIds: db.prepare('SELECT id FROM cards WHERE batch_command_id = ?'),
      knownPair: db.prepare(
        `SELECT 1 FROM card_reserve WHERE id = ? UNION ALL SELECT 1 FROM cards WHERE id = ?
         UNION ALL SELECT 1 FROM card_reserve_releases WHERE id = ?`,
      ),
      reserveInsert: db.prepare(
        'INSERT INTO card_reserve (id, serial, pin_length, pin_sealed, received_at) VALUES (?, ?, ?, ?, ?)',
      ),
      reserveFree: db.prepare(
        'SELECT count(*) AS n, min(serial) AS first, max(pin_length) AS len FROM card_reserve',
      ),
      reserveTake: db.prepare(
        'SELECT id, serial, pin_length, pin_sealed FROM card_reserve ORDER BY serial LIMIT ?',
      ),
      reserveDelete: db.prepare('DELETE FROM card_reserve WHERE id = ?'),
      release: db.prepare('INSERT INTO card_reserve_releases (id) VALUES (?) ON CONFLICT (id) DO NOTHING'),
      released: db.prepare('SELECT id FROM card_reserve_releases LIMIT 10000'),
      forgetReleased: db.prepare('DELETE FROM card_reserve_releases WHERE id = ?'),
      audit: db.prepare(
        'INSERT INTO card_pin_audit (kind, card_id, cards, clerk_id, at) VALUES (?, ?, ?, ?, ?)',
      ),
      insertRedemption: db.prepare(
        `INSERT INTO redemptions (id, customer_account, serial, pin_sealed, state, clerk_id, created_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
      ),
      redemption: db.prepare('SELECT * FROM redemptions WHERE id = ?'),
      redemptionPin: db.prepare("SELECT pin_sealed FROM redemptions WHERE id = ? AND state = 'pending'"),
      settleRedemption: db.prepare(
        `UPDATE redemptions SET state = ?, serial = COALESCE(?, serial), amount = ?, currency = ?, wallet_balance = ?,
           message = ?, decided_at = ?, pin_sealed = NULL WHERE id = ? AND state = 'pending'`,
      ),
      recentRedemptions: db.prepare('SELECT * FROM redemptions ORDER BY created_at DESC, id DESC LIMIT ?'),
      pendingFor: db.prepare(
        "SELECT count(*) AS n FROM redemptions WHERE state = 'pending' AND customer_account = ?",
      ),
      pendingAll: db.prepare("SELECT count(*) AS n FROM redemptions WHERE state = 'pending'"),
    };
  }

  /** Applies a `cards` change: the server's state of each card (and a batch the server took is valid from now). */
  applyCards(cards: readonly CardView[]): void {
    for (const c of cards) {
      this.q.upsertFromFeed.run(
        c.id,
        c.serial,
        c.seriesId,
        c.ownerId,
        c.amount,
        c.currency,
        c.status,
        c.expiresAt,
        c.activatedAt,
        c.customerId,
        c.createdAt,
      );
    }
  }

  /**
   * Applies a `cards_minted` change: a series' new cards stated compactly, each serial derived from the first number
   * (the card ids come in serial order). An id already mirrored (an entry pulled twice) is overwritten alike.
   */
  applyMinted(m: MintedCards): void {
    this.applyCards(
      m.ids.map((id, i) => ({
        id,
        serial: formatSerial(m.prefix, m.firstNumber + i),
        seriesId: m.seriesId,
        ownerId: m.ownerId,
        amount: m.amount,
        currency: m.currency,
        status: 'new',
        expiresAt: m.expiresAt,
        activatedAt: null,
        customerId: null,
        createdAt: m.createdAt,
      })),
    );
  }

  /** Applies a `cards_deleted` change (their PINs go too). */
  applyDeleted(ids: readonly string[]): void {
    for (const id of ids) {
      this.q.deleteCard.run(id);
      this.q.deletePin.run(id);
    }
  }

  /** A window of the table in serial order, and how many cards the filter matches. */
  list(filter: LocalCardFilter, offset: number, limit: number, nowIso: string): CardPage {
    const { where, params } = filterSql(filter, nowIso);
    const rows = this.db
      .prepare(
        `SELECT c.id, c.serial, c.series_id, c.owner_id, c.amount, c.currency, ${EFFECTIVE_STATUS} AS status,
                c.validity, c.expires_at, c.activated_at, c.customer_id, c.created_at,
                EXISTS (SELECT 1 FROM card_pins p WHERE p.card_id = c.id) AS pin_held
           FROM cards c WHERE ${where} ORDER BY c.serial LIMIT ? OFFSET ?`,
      )
      .all(nowIso, ...params, limit, offset) as CardDbRow[];
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM cards c WHERE ${where}`).get(...params) as { n: number }
    ).n;
    return { rows: rows.map(toRow), total, offset };
  }

  /** Every card of a filter (for CSV export and the voucher printer), in serial order, without loading them at once. */
  *iterate(filter: LocalCardFilter, nowIso: string): Generator<CardRow & { pinSealed: Buffer | null }> {
    const { where, params } = filterSql(filter, nowIso);
    const stmt = this.db.prepare(
      `SELECT c.id, c.serial, c.series_id, c.owner_id, c.amount, c.currency, ${EFFECTIVE_STATUS} AS status,
              c.validity, c.expires_at, c.activated_at, c.customer_id, c.created_at,
              p.pin_sealed IS NOT NULL AS pin_held, p.pin_sealed
         FROM cards c LEFT JOIN card_pins p ON p.card_id = c.id WHERE ${where} ORDER BY c.serial`,
    );
    for (const r of stmt.iterate(nowIso, ...params) as Iterable<CardDbRow & { pin_sealed: Buffer | null }>)
      yield { ...toRow(r), pinSealed: r.pin_sealed };
  }

  /**
   * The cards a voucher sheet may print, by id or filter, in serial order, with their sealed PIN (null when this
   * terminal does not hold it) and how many times each was printed. Streams rows; never loads them all at once.
   */
  *printRows(
    target: { kind: 'ids'; ids: readonly string[] } | { kind: 'filter'; filter: LocalCardFilter },
    nowIso: string,
  ): Generator<PrintRow> {
    const base = `SELECT c.id, c.serial, c.amount, c.currency, c.expires_at, c.validity,
                         ${EFFECTIVE_STATUS} AS status, p.pin_sealed, COALESCE(n.prints, 0) AS prints
                    FROM cards c LEFT JOIN card_pins p ON p.card_id = c.id
                    LEFT JOIN card_print_counts n ON n.card_id = c.id`;
    if (target.kind === 'ids') {
      const stmt = this.db.prepare(
        `${base} WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.serial`,
      );
      yield* stmt.iterate(
        nowIso,
        JSON.stringify(target.ids.map((id) => id.toLowerCase())),
      ) as Iterable<PrintRow>;
      return;
    }
    const { where, params } = filterSql(target.filter, nowIso);
    yield* this.db
      .prepare(`${base} WHERE ${where} ORDER BY c.serial`)
      .iterate(nowIso, ...params) as Iterable<PrintRow>;
  }

  /** Records a printed (or saved) sheet and counts one more print for each of its cards (one transaction). */
  recordPrint(p: {
    id: string;
    clerkId: string;
    at: string;
    cardIds: readonly string[];
    copyNumber: number;
    reason: string | null;
    destination: 'printer' | 'file';
    printer: string | null;
    firstSerial: string;
    lastSerial: string;
  }): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO card_prints (id, clerk_id, at, cards, copy_number, reason, destination, printer, first_serial,
             last_serial) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          p.id,
          p.clerkId,
          p.at,
          p.cardIds.length,
          p.copyNumber,
          p.reason,
          p.destination,
          p.printer,
          p.firstSerial,
          p.lastSerial,
        );
      // A card on a COPY n sheet carries n on paper: its count becomes at least n, so its next print is n + 1.
      const count = this.db.prepare(
        `INSERT INTO card_print_counts (card_id, prints) VALUES (?, ?)
         ON CONFLICT (card_id) DO UPDATE SET prints = max(prints + 1, excluded.prints)`,
      );
      for (const id of p.cardIds) count.run(id, p.copyNumber);
    })();
  }

  /** Ids of the cards of a filter (mass edit and delete by filter go to the server as these ids). */
  ids(filter: LocalCardFilter, nowIso: string): string[] {
    const { where, params } = filterSql(filter, nowIso);
    return (
      this.db.prepare(`SELECT c.id FROM cards c WHERE ${where} ORDER BY c.serial`).all(...params) as {
        id: string;
      }[]
    ).map((r) => r.id);
  }

  /** Stores a card this terminal made or drew, with its sealed PIN (call inside a transaction). */
  insertOwn(c: NewLocalCard): void {
    this.q.insertCard.run(
      c.id,
      c.serial,
      c.seriesId,
      c.ownerId,
      c.amount,
      c.currency,
      c.validity,
      c.expiresAt,
      c.createdAt,
      c.batchCommandId,
    );
    this.q.insertPin.run(c.id, c.pinSealed, c.pinLength);
  }

  /** Stores the sealed PIN of a card (a series this terminal minted online). */
  insertPin(cardId: string, pinSealed: Buffer, pinLength: number): void {
    this.q.insertPin.run(cardId, pinSealed, pinLength);
  }

  /** A card's sealed PIN and serial, or null when this terminal does not hold it. */
  sealedPin(cardId: string): { serial: string; pinSealed: Buffer } | null {
    const r = this.q.pin.get(cardId) as { pin_sealed: Buffer; serial: string } | undefined;
    return r ? { serial: r.serial, pinSealed: r.pin_sealed } : null;
  }

  /** A drawn batch's outcome: its cards become valid, or void (rejected: never to be handed out). */
  settleBatch(commandId: string, validity: 'valid' | 'void_rejected'): void {
    this.q.setBatchValidity.run(validity, commandId);
    if (validity === 'void_rejected') {
      for (const { id } of this.q.batchCardIds.all(commandId) as { id: string }[]) this.q.deletePin.run(id);
    }
  }

  /**
   * Adds reserve pairs the server lists that this terminal does not know yet (not free here, not drawn into a card,
   * not given up); only those are sealed. Call inside a transaction.
   */
  addReservePairs(
    pairs: readonly { id: string; serial: string; pinLength: number; pin: string }[],
    seal: (pin: string) => Buffer,
    nowIso: string,
  ): number {
    let added = 0;
    for (const p of pairs) {
      if (this.q.knownPair.get(p.id, p.id, p.id)) continue;
      added += this.q.reserveInsert.run(p.id, p.serial, p.pinLength, seal(p.pin), nowIso).changes;
    }
    return added;
  }

  /** The free reserve: how many pairs, the first serial (its prefix is the reserve's), the PIN length. */
  reserveFree(): { count: number; firstSerial: string | null; pinLength: number | null } {
    const r = this.q.reserveFree.get() as { n: number; first: string | null; len: number | null };
    return { count: r.n, firstSerial: r.first, pinLength: r.len };
  }

  /** Takes `n` free pairs out of the reserve (call inside the transaction that stores them as cards). */
  takeReserve(n: number): StoredReservePair[] {
    const rows = this.q.reserveTake.all(n) as {
      id: string;
      serial: string;
      pin_length: number;
      pin_sealed: Buffer;
    }[];
    for (const r of rows) this.q.reserveDelete.run(r.id);
    return rows.map((r) => ({
      id: r.id,
      serial: r.serial,
      pinLength: r.pin_length,
      pinSealed: r.pin_sealed,
    }));
  }

  /** The ids of the cards a drawn batch made. */
  batchCardIds(commandId: string): string[] {
    return (this.q.batchCardIds.all(commandId) as { id: string }[]).map((r) => r.id);
  }

  /** Gives up the reserve pairs of a rejected batch: their PINs are dropped here and the server is told next round. */
  releaseToServer(ids: readonly string[]): void {
    for (const id of ids) this.q.release.run(id);
  }

  /** Pairs waiting to be released on the server. */
  releasedPairs(): string[] {
    return (this.q.released.all() as { id: string }[]).map((r) => r.id);
  }

  /** The server no longer holds these released pairs: forget them. */
  forgetReleased(ids: readonly string[]): void {
    for (const id of ids) this.q.forgetReleased.run(id);
  }

  /** Records a PIN reveal or export (who, when, how many cards). */
  audit(kind: 'reveal' | 'export', cardId: string | null, cards: number, clerkId: string, at: string): void {
    this.q.audit.run(kind, cardId, cards, clerkId, at);
  }

  /** Records a redemption made at the counter, its PIN sealed until the server answers (inside the transaction). */
  insertRedemption(r: {
    id: string;
    customerAccount: string;
    serial: string | null;
    pinSealed: Buffer;
    clerkId: string | null;
    createdAt: string;
  }): void {
    this.q.insertRedemption.run(r.id, r.customerAccount, r.serial, r.pinSealed, r.clerkId, r.createdAt);
  }

  /** A redemption's sealed PIN while it waits for the server, or null. */
  redemptionPin(id: string): Buffer | null {
    const r = this.q.redemptionPin.get(id) as { pin_sealed: Buffer } | undefined;
    return r?.pin_sealed ?? null;
  }

  /** The server's answer to a redemption: its PIN is dropped. */
  settleRedemption(
    id: string,
    outcome:
      | { state: 'redeemed'; serial: string; amount: number; currency: string; walletBalance: number }
      | { state: 'failed'; message: string },
    at: string,
  ): void {
    if (outcome.state === 'redeemed')
      this.q.settleRedemption.run(
        'redeemed',
        outcome.serial,
        outcome.amount,
        outcome.currency,
        outcome.walletBalance,
        null,
        at,
        id,
      );
    else this.q.settleRedemption.run('failed', null, null, null, null, outcome.message, at, id);
  }

  /** One redemption, or null. */
  redemption(id: string): RedemptionItem | null {
    const r = this.q.redemption.get(id) as RedemptionDbRow | undefined;
    return r ? toRedemption(r) : null;
  }

  /** Recent redemptions, newest first. */
  recentRedemptions(limit: number): RedemptionItem[] {
    return (this.q.recentRedemptions.all(limit) as RedemptionDbRow[]).map(toRedemption);
  }

  /** Redemptions waiting for the server, for one customer account and in all. */
  pendingRedemptions(customerAccount: string): { forCustomer: number; all: number } {
    return {
      forCustomer: (this.q.pendingFor.get(customerAccount) as { n: number }).n,
      all: (this.q.pendingAll.get() as { n: number }).n,
    };
  }
}

interface RedemptionDbRow {
  id: string;
  customer_account: string;
  serial: string | null;
  state: RedemptionItem['state'];
  amount: number | null;
  currency: string | null;
  wallet_balance: number | null;
  message: string | null;
  created_at: string;
  decided_at: string | null;
}

const toRedemption = (r: RedemptionDbRow): RedemptionItem => ({
  id: r.id,
  customerAccount: r.customer_account,
  state: r.state,
  serial: r.serial,
  amount: r.amount,
  currency: r.currency,
  walletBalance: r.wallet_balance,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  message: r.message,
});
