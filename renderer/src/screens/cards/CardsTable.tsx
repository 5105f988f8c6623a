import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CardRow } from '../../../../core/contract/types/cards';
import { groupPin } from '../../../../core/cards/card-pin';
import { moneyText } from '../../format/money-text';
import { formatLocalTime } from '../../format/local-time';
import { useL10n } from '../../i18n/locale-store';
import { localDateAndTime } from './card-dates';
import type { CardPageCache } from './card-page-cache';
import { CardStatusBadge } from './CardStatusBadge';
import type { RevealedPin } from './use-revealed-pins';

const ROW_HEIGHT = 52;
const HEADER_HEIGHT = 40;
const MASK = '•••• •••• ••••';

/** What the table needs to draw and act on its rows. */
export interface CardsTableProps {
  readonly cache: CardPageCache;
  /** Bumps whenever the cache changed (re-render). */
  readonly version: number;
  readonly total: number;
  readonly isSelected: (row: CardRow) => boolean;
  /** "Select all matching": every row shows checked and the boxes are locked. */
  readonly allMatching: boolean;
  readonly onToggle: (index: number, row: CardRow, shift: boolean) => void;
  readonly canReveal: boolean;
  readonly revealed: ReadonlyMap<string, RevealedPin>;
  readonly now: number;
  readonly onReveal: (cardId: string) => void;
  readonly onHide: (cardId: string) => void;
  readonly ownResellerId: string | null;
}

function DateCell({ iso, extra }: { iso: string | null; extra?: string | null }) {
  const { fmt } = useL10n();
  if (!iso) return <span className="muted">—</span>;
  const { date, time } = localDateAndTime(iso, fmt);
  return (
    <span className="two-line" title={formatLocalTime(iso)}>
      <span>{date}</span>
      <span className="sub">{extra ?? time}</span>
    </span>
  );
}

const shortId = (id: string): string => `${id.slice(0, 8)}…`;

/**
 * The cards table: a virtualized grid that stays smooth at 100,000 rows. Only the visible rows exist in the page;
 * their windows load by offset as the user scrolls (placeholders meanwhile). Keyboard: arrows, Page Up/Down,
 * Home/End move; Space selects (Shift+Space extends the range).
 */
export function CardsTable(props: CardsTableProps) {
  const { cache, version, total } = props;
  const { m, fmt } = useL10n();
  const t = m.cards.table;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(0);
  // TanStack Virtual returns fresh functions each render by design; the compiler lint cannot follow it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    // The sticky header covers the top of the viewport: keyboard scrolling keeps the cursor row below it.
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    cache.ensure(first, Math.max(first, last));
  }, [cache, first, last, version]);

  const move = (to: number): void => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, to));
    setCursor(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, number> = {
      ArrowDown: cursor + 1,
      ArrowUp: cursor - 1,
      PageDown: cursor + page,
      PageUp: cursor - page,
      Home: 0,
      End: total - 1,
    };
    if (e.key in keys) {
      e.preventDefault();
      move(keys[e.key]!);
    } else if (e.key === ' ') {
      e.preventDefault();
      const row = cache.row(cursor);
      if (row && !props.allMatching) props.onToggle(cursor, row, e.shiftKey);
    }
  };

  return (
    <div
      className="cards-scroll"
      ref={scrollRef}
      tabIndex={0}
      role="grid"
      aria-label={m.cards.title}
      aria-rowcount={total + 1}
      aria-multiselectable="true"
      onKeyDown={onKeyDown}
      data-testid="cards-table"
    >
      <div className="cards-row cards-head" role="row" aria-rowindex={1}>
        <span role="columnheader" className="col-check">
          <span className="sr-only">{t.selected}</span>
        </span>
        <span role="columnheader">{t.status}</span>
        <span role="columnheader">{t.serial}</span>
        <span role="columnheader" className="num">
          {t.amount}
        </span>
        <span role="columnheader">{t.pin}</span>
        <span role="columnheader" className="col-owner">
          {t.owner}
        </span>
        <span role="columnheader">{t.activated}</span>
        <span role="columnheader" className="col-created">
          {t.created}
        </span>
        <span role="columnheader">{t.expires}</span>
      </div>
      <div className="cards-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((vi) => {
          const row = cache.row(vi.index);
          const style = { transform: `translateY(${vi.start - HEADER_HEIGHT}px)`, height: ROW_HEIGHT };
          const cursorClass = vi.index === cursor ? ' cursor' : '';
          if (!row) {
            return (
              <div
                key={vi.key}
                className={`cards-row cards-placeholder${cursorClass}`}
                style={style}
                role="row"
                aria-rowindex={vi.index + 2}
                aria-busy="true"
              >
                <span className="col-check" />
                {Array.from({ length: 8 }, (_, i) => (
                  <span
                    key={i}
                    className={`placeholder-bar${i === 4 ? ' col-owner' : i === 6 ? ' col-created' : ''}`}
                  />
                ))}
              </div>
            );
          }
          const selected = props.allMatching || props.isSelected(row);
          const shown = props.revealed.get(row.id);
          return (
            <div
              key={vi.key}
              className={`cards-row${selected ? ' selected' : ''}${cursorClass}${row.validity === 'void_rejected' ? ' rejected' : ''}`}
              style={style}
              role="row"
              aria-rowindex={vi.index + 2}
              aria-selected={selected}
              onMouseDown={() => setCursor(vi.index)}
              data-testid={`card-row-${row.serial}`}
            >
              <span
                role="gridcell"
                className="col-check"
                onClick={(e) => {
                  // The whole cell is the target, not only the box.
                  if (e.target === e.currentTarget && !props.allMatching)
                    props.onToggle(vi.index, row, e.shiftKey);
                }}
              >
                <input
                  type="checkbox"
                  checked={selected}
                  disabled={props.allMatching}
                  onChange={() => undefined}
                  onClick={(e) => props.onToggle(vi.index, row, e.shiftKey)}
                  aria-label={t.selectCard({ serial: row.serial })}
                  tabIndex={-1}
                  data-testid="card-check"
                />
              </span>
              <span role="gridcell">
                <CardStatusBadge row={row} />
              </span>
              <span role="gridcell" className="mono serial" data-testid="card-serial">
                {row.serial}
              </span>
              <span role="gridcell" className="num nowrap">
                {moneyText(row.amount, row.currency)}
              </span>
              <span role="gridcell" className="pin-cell">
                {shown ? (
                  <span className="two-line">
                    <span className="mono pin-shown" data-testid="card-pin">
                      {groupPin(shown.pin)}
                    </span>
                    <button
                      type="button"
                      className="pin-hide"
                      onClick={() => props.onHide(row.id)}
                      title={t.hideTitle}
                      data-testid="card-hide"
                    >
                      {t.hideCountdown({
                        seconds: fmt.count(Math.max(0, Math.ceil((shown.until - props.now) / 1000))),
                      })}
                    </button>
                  </span>
                ) : props.canReveal && row.pinHeld ? (
                  <button
                    type="button"
                    className="pin-reveal"
                    onClick={() => props.onReveal(row.id)}
                    title={t.revealTitle}
                    aria-label={t.revealLabel({ serial: row.serial })}
                    data-testid="card-reveal"
                  >
                    <span className="pin-mask">{MASK}</span>
                    <span className="sub">{t.reveal}</span>
                  </button>
                ) : (
                  <span
                    className="pin-mask"
                    aria-label={t.pinHidden}
                    title={row.pinHeld ? undefined : t.pinNotHeld}
                  >
                    {MASK}
                  </span>
                )}
              </span>
              <span role="gridcell" className="nowrap col-owner" title={row.ownerId}>
                {row.ownerId === props.ownResellerId ? t.thisShop : shortId(row.ownerId)}
              </span>
              <span role="gridcell">
                <DateCell
                  iso={row.activatedAt}
                  extra={row.customerId ? t.activatedBy({ customer: shortId(row.customerId) }) : null}
                />
              </span>
              <span role="gridcell" className="col-created">
                <DateCell iso={row.createdAt} />
              </span>
              <span role="gridcell">
                <DateCell iso={row.expiresAt} />
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
