import type { Database } from 'better-sqlite3';
import type { WalletNoticeItem } from '../../core/contract/types/wallet';
import type { WalletNotice } from '../../core/sync/protocol';

interface Row {
  notice_id: string;
  type: WalletNotice['type'];
  currency: string;
  balance: number;
  amount: number | null;
  message: string;
  created_at: string;
  received_at: string;
}

/** The wallet notices this terminal pulled from the change feed (migration 0018), each stored once by its id. */
export class WalletNoticeStore {
  private readonly q;

  constructor(db: Database) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO wallet_notices (notice_id, type, currency, balance, amount, message, created_at, received_at, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (notice_id) DO NOTHING`,
      ),
      recent: db.prepare('SELECT * FROM wallet_notices ORDER BY created_at DESC, notice_id DESC LIMIT ?'),
      get: db.prepare('SELECT * FROM wallet_notices WHERE notice_id = ?'),
    };
  }

  /** Stores a notice unless already stored (a pull replayed after a crash); true when it is new. */
  add(notice: WalletNotice, seq: string, receivedAt: string): boolean {
    const r = this.q.insert.run(
      notice.noticeId,
      notice.type,
      notice.currency,
      notice.balance,
      notice.amount,
      notice.message,
      notice.createdAt,
      receivedAt,
      seq,
    );
    return r.changes === 1;
  }

  /** The newest notices first. */
  recent(limit: number, resellerId: string): WalletNoticeItem[] {
    return (this.q.recent.all(limit) as Row[]).map((r) => fromRow(r, resellerId));
  }

  /** One stored notice, or null (e.g. its pull was rolled back). */
  get(noticeId: string, resellerId: string): WalletNoticeItem | null {
    const r = this.q.get.get(noticeId) as Row | undefined;
    return r ? fromRow(r, resellerId) : null;
  }
}

function fromRow(r: Row, resellerId: string): WalletNoticeItem {
  return {
    noticeId: r.notice_id,
    resellerId,
    type: r.type,
    currency: r.currency,
    balance: r.balance,
    amount: r.amount,
    message: r.message,
    createdAt: r.created_at,
    receivedAt: r.received_at,
  };
}
