import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '../../core/app-error';
import type { OutcomeNotShownItem, OutcomesNotShown, ShownOutcome } from '../../core/contract/types/sales';
import {
  canMarkDealtWith,
  needsLook,
  unseenOutcomeOf,
  type SaleOutcomeFacts,
} from '../../core/sales/outcome-not-shown';
import { isPrintable } from '../../core/sales/sale-view';
import type { AppRun } from '../app/app-run';
import { SELECT_ITEM, toItem, type ListRow } from './sale-queries';
import type { SaleRow } from './sale-store';

interface OutcomeRow {
  run: number | null;
  shown_at: string | null;
  dealt_with_at: string | null;
}

/**
 * The open rows of earlier runs (the SQL form of `needsLook`, so the partial index `sale_outcomes_open` serves it):
 * made by an earlier run, never shown, not dealt with.
 */
const OPEN_BEFORE_RUN = 'o.run < ? AND o.shown_at IS NULL AND o.dealt_with_at IS NULL';

const toNotShown = (r: ListRow): OutcomeNotShownItem => {
  const item = toItem(r);
  const outcome = unseenOutcomeOf(item.status);
  return {
    ...item,
    outcome,
    printable: isPrintable(item.status),
    canMarkDealtWith: canMarkDealtWith(outcome),
  };
};

/**
 * Whether each sale's outcome reached a clerk (migration 9): the Sell screen's acknowledgements, the list of sales of
 * earlier runs nobody saw ("Outcome not shown"), and the clerk marking one dealt with. Built for the current run.
 */
export class SaleOutcomeStore {
  private readonly q: Record<
    'saleStatus' | 'facts' | 'shown' | 'dealtWith' | 'count' | 'list' | 'openIds',
    Statement
  >;

  constructor(
    private readonly db: Database,
    private readonly current: AppRun,
  ) {
    this.q = {
      saleStatus: db.prepare('SELECT status FROM sales WHERE id = ?'),
      facts: db.prepare('SELECT run, shown_at, dealt_with_at FROM sale_outcomes WHERE sale_id = ?'),
      // A sale from before migration 9 has no row yet: the upserts make one (run unknown).
      shown: db.prepare(
        `INSERT INTO sale_outcomes (sale_id, run, shown_at, shown_outcome, shown_by) VALUES (?, NULL, ?, ?, ?)
         ON CONFLICT (sale_id) DO UPDATE SET shown_at = excluded.shown_at, shown_outcome = excluded.shown_outcome,
           shown_by = excluded.shown_by WHERE sale_outcomes.shown_at IS NULL`,
      ),
      dealtWith: db.prepare(
        `INSERT INTO sale_outcomes (sale_id, run, dealt_with_at, dealt_with_by) VALUES (?, NULL, ?, ?)
         ON CONFLICT (sale_id) DO UPDATE SET dealt_with_at = excluded.dealt_with_at,
           dealt_with_by = excluded.dealt_with_by WHERE sale_outcomes.dealt_with_at IS NULL`,
      ),
      count: db.prepare(`SELECT COUNT(*) AS n FROM sale_outcomes o WHERE ${OPEN_BEFORE_RUN}`),
      list: db.prepare(
        `${SELECT_ITEM} JOIN sale_outcomes o ON o.sale_id = s.id WHERE ${OPEN_BEFORE_RUN}
         ORDER BY s.created_at DESC, s.id DESC LIMIT ?`,
      ),
      openIds: db.prepare(`SELECT o.sale_id AS id FROM sale_outcomes o WHERE ${OPEN_BEFORE_RUN}`),
    };
  }

  /** The run these answers are for (sales of earlier runs are the ones listed). */
  get run(): AppRun {
    return this.current;
  }

  /**
   * Records that a clerk saw the sale's outcome (the first acknowledgement wins; later ones change nothing).
   * Answers when it was first seen. Errors: not_found.
   */
  markShown(saleId: string, outcome: ShownOutcome, clerkId: string | null, at: string): string {
    return this.db
      .transaction(() => {
        this.requireSale(saleId);
        this.q.shown.run(saleId, at, outcome, clerkId);
        return this.facts(saleId)!.shownAt!;
      })
      .immediate();
  }

  /**
   * The clerk dealt with a listed sale: it leaves the list. Idempotent. Errors: not_found, not_listed (its outcome
   * was shown, or it is a sale of this run), outcome_waiting (the server has not answered yet).
   */
  markDealtWith(saleId: string, clerkId: string | null, at: string): string {
    return this.db
      .transaction(() => {
        const status = this.requireSale(saleId);
        const facts = this.facts(saleId);
        if (facts?.dealtWithAt) return facts.dealtWithAt;
        if (!facts || !needsLook(facts, this.current.run)) {
          throw new AppError(
            'not_listed',
            'This sale’s outcome was shown at the counter; there is nothing to deal with.',
          );
        }
        if (!canMarkDealtWith(unseenOutcomeOf(status))) {
          throw new AppError(
            'outcome_waiting',
            'The server has not answered for this sale yet; mark it dealt with once it shows sold or not sold.',
          );
        }
        this.q.dealtWith.run(saleId, at, clerkId);
        return this.facts(saleId)!.dealtWithAt!;
      })
      .immediate();
  }

  /** Sales of earlier runs whose outcome no clerk saw, newest first (at most `limit`), and how many there are. */
  notShown(limit: number): OutcomesNotShown {
    // One read transaction: the count and the page agree.
    return this.db.transaction(() => ({
      count: (this.q.count.get(this.current.run) as { n: number }).n,
      items: (this.q.list.all(this.current.run, limit) as ListRow[]).map(toNotShown),
    }))();
  }

  /** The ids of every listed sale (tests reconcile them with what a killed process reported). */
  notShownIds(): string[] {
    return (this.q.openIds.all(this.current.run) as { id: string }[]).map((r) => r.id);
  }

  /** The sale's outcome bookkeeping, or null when it has none (made before migration 9). */
  facts(saleId: string): SaleOutcomeFacts | null {
    const r = this.q.facts.get(saleId) as OutcomeRow | undefined;
    return r ? { run: r.run, shownAt: r.shown_at, dealtWithAt: r.dealt_with_at } : null;
  }

  private requireSale(saleId: string): SaleRow['status'] {
    const r = this.q.saleStatus.get(saleId) as Pick<SaleRow, 'status'> | undefined;
    if (!r) throw new AppError('not_found', 'No such sale on this terminal.');
    return r.status;
  }
}
