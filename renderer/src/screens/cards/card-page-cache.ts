import type { CardPage, CardRow } from '../../../../core/contract/types/cards';
import type { CardFilter } from './card-filter-form';

/** Rows per `cards.list` call (the contract allows up to 500). */
export const CARD_PAGE_SIZE = 200;
/** Pages kept in memory; the ones farthest from where the user looks go first. */
const MAX_PAGES = 24;

/** Fetches one window of the cards table. */
export type FetchCardPage = (filter: CardFilter, offset: number, limit: number) => Promise<CardPage>;

/**
 * A small cache of `cards.list` windows for the virtualized table: loads the pages the viewport needs (once each),
 * keeps a few around, and drops answers that belong to an older filter. A refresh keeps showing the old rows until
 * the new ones arrive, so the table never flashes empty.
 */
export class CardPageCache {
  private pages = new Map<number, readonly CardRow[]>();
  private stale = new Set<number>();
  private inflight = new Map<number, Promise<void>>();
  private epoch = 0;
  private filter: CardFilter = {};
  private center = 0;
  /** Every card of the filter (null until the first page answered). */
  total: number | null = null;
  /** The last failure, or null. */
  error: string | null = null;

  constructor(
    private readonly fetchPage: FetchCardPage,
    private readonly onChange: () => void,
    private readonly describeError: (err: unknown) => string,
  ) {}

  /** Starts over for another filter: nothing cached, total unknown. */
  setFilter(filter: CardFilter): void {
    this.filter = filter;
    this.epoch++;
    this.pages.clear();
    this.stale.clear();
    this.inflight.clear();
    this.total = null;
    this.error = null;
    // The first window answers the total (the table needs it before it can ask for anything).
    void this.load(0);
    this.onChange();
  }

  /** The data changed (a sync, an edit): keep showing what is cached, refetch pages as they are looked at. */
  invalidate(): void {
    this.epoch++;
    this.inflight.clear();
    for (const p of this.pages.keys()) this.stale.add(p);
    // Also when the table shows nothing yet (0 cards): the total may have changed.
    void this.load(0);
    this.onChange();
  }

  /** The row at `index`, or undefined while its page is loading. */
  row(index: number): CardRow | undefined {
    return this.pages.get(Math.floor(index / CARD_PAGE_SIZE))?.[index % CARD_PAGE_SIZE];
  }

  /** Loads the pages covering rows `first`..`last` that are missing or stale. */
  ensure(first: number, last: number): void {
    const p0 = Math.max(0, Math.floor(first / CARD_PAGE_SIZE));
    const p1 = Math.max(p0, Math.floor(last / CARD_PAGE_SIZE));
    this.center = Math.floor((p0 + p1) / 2);
    for (let p = p0; p <= p1; p++) void this.load(p);
  }

  /** The ids of rows `from`..`to` (inclusive), loading the pages it needs (shift-click range selection). */
  async idsInRange(from: number, to: number): Promise<string[]> {
    const a = Math.max(0, Math.min(from, to));
    const b = Math.max(from, to);
    const p0 = Math.floor(a / CARD_PAGE_SIZE);
    const p1 = Math.floor(b / CARD_PAGE_SIZE);
    // Read the range straight from the contract (not through the cache, which keeps only the pages near the view):
    // a long Shift+click range must name every card in it, and a failed page fails the selection.
    const filter = this.filter;
    const rowsOf = async (page: number): Promise<readonly CardRow[]> => {
      const running = this.inflight.get(page);
      if (running) await running;
      const cached = this.pages.get(page);
      if (cached && !this.stale.has(page)) return cached;
      return (await this.fetchPage(filter, page * CARD_PAGE_SIZE, CARD_PAGE_SIZE)).rows;
    };
    const pages = await Promise.all(Array.from({ length: p1 - p0 + 1 }, (_, k) => rowsOf(p0 + k)));
    const ids: string[] = [];
    pages.forEach((rows, k) => {
      rows.forEach((r, j) => {
        const i = (p0 + k) * CARD_PAGE_SIZE + j;
        if (i >= a && i <= b) ids.push(r.id);
      });
    });
    return ids;
  }

  private load(page: number): Promise<void> {
    if (this.pages.has(page) && !this.stale.has(page)) return Promise.resolve();
    const running = this.inflight.get(page);
    if (running) return running;
    if (this.total !== null && page * CARD_PAGE_SIZE >= this.total && page > 0) return Promise.resolve();
    const epoch = this.epoch;
    const p = this.fetchPage(this.filter, page * CARD_PAGE_SIZE, CARD_PAGE_SIZE)
      .then((res) => {
        if (epoch !== this.epoch) return;
        this.pages.set(page, res.rows);
        this.stale.delete(page);
        this.total = res.total;
        this.error = null;
        this.evict();
        this.onChange();
      })
      .catch((err: unknown) => {
        if (epoch !== this.epoch) return;
        this.error = this.describeError(err);
        this.onChange();
      })
      .finally(() => {
        if (this.inflight.get(page) === p) this.inflight.delete(page);
      });
    this.inflight.set(page, p);
    return p;
  }

  private evict(): void {
    if (this.pages.size <= MAX_PAGES) return;
    const byDistance = [...this.pages.keys()].sort(
      (x, y) => Math.abs(y - this.center) - Math.abs(x - this.center),
    );
    for (const p of byDistance.slice(0, this.pages.size - MAX_PAGES)) {
      this.pages.delete(p);
      this.stale.delete(p);
    }
  }
}
