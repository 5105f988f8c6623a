import type { StockItem } from '../../../../core/contract/types/stock';
import { useL10n } from '../../i18n/locale-store';

/**
 * The choice to sell the chosen package from this terminal's stock (prepaid: no credits, no offline limits). Shown only
 * when stock of it is allocated here; a checkbox, so Tab reaches it and Space toggles it. Says what is left, warns when
 * low, and says before Confirm when the quantity is more than is left.
 */
export function FromStockChoice({
  item,
  quantity,
  checked,
  onChange,
}: {
  readonly item: StockItem | undefined;
  readonly quantity: number;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  const { m, fmt } = useL10n();
  const t = m.sell.stock;
  if (!item || item.allocated === 0) return null;
  const left = fmt.count(item.left);
  const short = checked && quantity > item.left;
  return (
    <div className="from-stock">
      <label className="check-row">
        <input
          type="checkbox"
          checked={checked}
          disabled={item.left === 0}
          onChange={(e) => onChange(e.target.checked)}
          data-testid="sale-from-stock"
        />
        {t.fromStock}{' '}
        <span className="muted" data-testid="sale-stock-left">
          {t.leftHere({ left })}
        </span>
      </label>
      {item.low ? (
        <p className="warn" data-testid="stock-low-warning">
          {t.low({ left })}
        </p>
      ) : null}
      {item.left === 0 ? (
        <p className="muted" data-testid="stock-none-left">
          {t.noneLeft}
        </p>
      ) : null}
      {short ? (
        <p className="field-error" role="alert" data-testid="stock-short">
          {t.short({ left })}
        </p>
      ) : null}
    </div>
  );
}
