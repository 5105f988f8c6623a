import type { SaleCreateOutcome } from '../../../../core/contract/types/sales';
import { moneyText } from '../../format/money-text';
import { ReceiptButtons } from '../../receipts/ReceiptButtons';
import { useAcknowledgeOutcome } from './acknowledge-outcome';

/** The last sale's outcome: confirmed or queued (with its number and change), or why it did not go through. */
export function SaleResult({ result, canPrint }: { result: SaleCreateOutcome; canPrint: boolean }) {
  useAcknowledgeOutcome(result);
  if (result.outcome === 'confirmed' || result.outcome === 'queued') {
    const s = result.sale;
    return (
      <div className={`sale-result ${result.outcome}`} role="status" data-testid="sale-result">
        <div>
          <div className="sale-result-title" data-testid="sale-result-status">
            {result.outcome === 'confirmed' ? 'Confirmed online' : 'Queued — offline, will sync'}
          </div>
          <div>
            Sale <strong data-testid="sale-result-number">{s.saleNumber}</strong> · {s.quantity} ×{' '}
            {s.packageName} · {moneyText(s.retailAmount, s.currency)}
            {s.changeAmount !== null ? <> · change {moneyText(s.changeAmount, s.currency)}</> : null}
          </div>
        </div>
        <span className="spacer" />
        <ReceiptButtons saleId={s.id} canPrint={canPrint} />
      </div>
    );
  }
  return (
    <div className="sale-result refused" role="alert" data-testid="sale-result">
      <div className="sale-result-title" data-testid="sale-result-status">
        {result.outcome === 'rejected' ? 'Rejected by the server — nothing was charged' : 'Not sold'}
      </div>
      <div>{result.message}</div>
    </div>
  );
}
