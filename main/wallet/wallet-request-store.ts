import type { Database } from 'better-sqlite3';

/** What a waiting request is: a package purchase or a transfer to an affiliate. */
export type WalletRequestKind = 'purchase' | 'transfer';

/** A purchase or transfer asked for at this terminal, its id the central API's idempotency key. */
export interface WalletRequest {
  readonly id: string;
  readonly kind: WalletRequestKind;
  /** What was asked (package id, or affiliate and amount), as JSON. */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly clerkId: string;
  readonly state: 'requested' | 'answered';
  readonly result: unknown;
  readonly requestedAt: string;
}

interface Row {
  id: string;
  kind: WalletRequestKind;
  payload: string;
  clerk_id: string;
  state: 'requested' | 'answered';
  result: string | null;
  requested_at: string;
}

const fromRow = (r: Row): WalletRequest => ({
  id: r.id,
  kind: r.kind,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  clerkId: r.clerk_id,
  state: r.state,
  result: r.result === null ? null : (JSON.parse(r.result) as unknown),
  requestedAt: r.requested_at,
});

/**
 * The wallet's purchases and transfers waiting for the central API's answer (migration 0018): the id is written
 * before the first try and reused by every retry; an answer records it, a definitive refusal forgets it.
 */
export class WalletRequestStore {
  private readonly q;

  constructor(db: Database) {
    this.q = {
      waiting: db.prepare("SELECT * FROM wallet_requests WHERE kind = ? AND state = 'requested'"),
      insert: db.prepare(
        `INSERT INTO wallet_requests (id, kind, payload, clerk_id, state, requested_at)
         VALUES (?, ?, ?, ?, 'requested', ?)`,
      ),
      answer: db.prepare(
        "UPDATE wallet_requests SET state = 'answered', result = ?, answered_at = ? WHERE id = ? AND state = 'requested'",
      ),
      drop: db.prepare("DELETE FROM wallet_requests WHERE id = ? AND state = 'requested'"),
    };
  }

  /** The request of `kind` still waiting for an answer, if any (at most one). */
  waiting(kind: WalletRequestKind): WalletRequest | null {
    const r = this.q.waiting.get(kind) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** Records a new request before its first try. */
  request(r: {
    id: string;
    kind: WalletRequestKind;
    payload: Record<string, unknown>;
    clerkId: string;
    at: string;
  }): void {
    this.q.insert.run(r.id, r.kind, JSON.stringify(r.payload), r.clerkId, r.at);
  }

  /** Records the central API's answer: the request is finished. */
  answer(id: string, result: unknown, at: string): void {
    this.q.answer.run(JSON.stringify(result), at, id);
  }

  /** Forgets a request the central API refused outright (nothing happened there). */
  drop(id: string): void {
    this.q.drop.run(id);
  }
}
