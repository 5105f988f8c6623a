import './stock.css';
import type { StockItem } from '../../../../core/contract/types/stock';
import { useL10n } from '../../i18n/locale-store';

/** A package tile's stock level: how many are left here from stock, amber when low, grey when none are left. */
export function StockBadge({ item }: { readonly item: StockItem | undefined }) {
  const { m, fmt } = useL10n();
  const t = m.sell;
  if (!item || item.allocated === 0) return null;
  const cls = item.left === 0 ? 'stock-badge empty' : item.low ? 'stock-badge low' : 'stock-badge';
  return (
    <span className={cls} data-testid={`stock-badge-${item.packageCode}`}>
      {item.left === 0
        ? t.stockBadgeNone
        : (item.low ? t.stockBadgeLow : t.stockBadge)({ left: fmt.count(item.left) })}
    </span>
  );
}
