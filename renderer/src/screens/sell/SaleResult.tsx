import type { SaleCreateOutcome } from '../../../../core/contract/types/sales';
import { codeText } from '../../errors/code-text';
import { useL10n } from '../../i18n/locale-store';
import { moneyText } from '../../format/money-text';
import { ReceiptButtons } from '../../receipts/ReceiptButtons';
import { useAcknowledgeOutcome } from './acknowledge-outcome';

/**
 * The last sale's outcome: confirmed or queued (with its number, and the change to hand back as the largest figure
 * on the screen after a cash sale), or why it did not go through.
 */
export function SaleResult({ result, canPrint }: { result: SaleCreateOutcome; canPrint: boolean }) {
  useAcknowledgeOutcome(result);
  const l10n = useL10n();
  const t = l10n.m.sell.result;
  if (result.outcome === 'confirmed' || result.outcome === 'queued') {
    const s = result.sale;
    return (
      <div className={`sale-result ${result.outcome}`} role="status" data-testid="sale-result">
        {s.changeAmount !== null ? (
          <div className="change-due">
            <span className="change-due-label">{t.changeDue}</span>
            <strong className="change-due-amount" data-testid="sale-result-change">
              {moneyText(s.changeAmount, s.currency)}
            </strong>
          </div>
        ) : null}
        <div>
          <div className="sale-result-title" data-testid="sale-result-status">
            {result.outcome === 'confirmed' ? t.confirmed : t.queued}
          </div>
          <div>
            {t.sale} <strong data-testid="sale-result-number">{s.saleNumber}</strong> ·{' '}
            {l10n.fmt.count(s.quantity)} × {s.packageName} · {moneyText(s.retailAmount, s.currency)}
            {s.tenderedAmount !== null ? ` · ${t.cash} ${moneyText(s.tenderedAmount, s.currency)}` : null}
          </div>
        </div>
        <ReceiptButtons saleId={s.id} canPrint={canPrint} />
      </div>
    );
  }
  return (
    <div className="sale-result refused" role="alert" data-testid="sale-result">
      <div className="sale-result-title" data-testid="sale-result-status">
        {result.outcome === 'rejected' ? t.rejected : t.notSold}
      </div>
      <div data-testid="sale-result-message">{codeText(result.reason, result.message, l10n)}</div>
    </div>
  );
}
