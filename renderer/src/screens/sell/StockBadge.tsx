import './stock.css';
import type { StockItem } from '../../../../core/contract/types/stock';

/** A package tile's stock level: how many are left here from stock, amber when low, grey when none are left. */
export function StockBadge({ item }: { readonly item: StockItem | undefined }) {
  if (!item || item.allocated === 0) return null;
  const cls = item.left === 0 ? 'stock-badge empty' : item.low ? 'stock-badge low' : 'stock-badge';
  return (
    <span className={cls} data-testid={`stock-badge-${item.packageCode}`}>
      {item.left === 0 ? 'Stock: none left' : `Stock: ${item.left}${item.low ? ' (low)' : ''}`}
    </span>
  );
}
