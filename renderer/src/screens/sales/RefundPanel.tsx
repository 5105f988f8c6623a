import { useEffect, useState } from 'react';
import type { SaleListItem, SaleRefundResult } from '../../../../core/contract/types/sales';
import type { RefundAllowance } from '../../../../core/sales/refund-schemas';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { moneyText } from '../../format/money-text';
import { saveRefundReceiptPdf } from '../../receipts/receipt-actions';
import { useAppStore } from '../../store/app-store';
import type { SaleGrantState } from '../../../../core/contract/types/sale-grant';
import { grantRefundNote } from './grant-refund-note';
import { currentL10n, useL10n } from '../../i18n/locale-store';

/**
 * A manager's refund of one sale in the Sales details: a confirm step that says what the customer gets back, then the
 * central API's answer (the refund's own number and the cash to hand back) or, when the rule refuses, which condition
 * failed. An activated sale can only be refunded by support: the panel says so with the package ID to quote.
 */
export function RefundPanel({ sale, onDone }: { sale: SaleListItem; onDone: () => void }) {
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const { m, fmt } = useL10n();
  const t = m.sales.refund;
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<SaleRefundResult | null>(null);
  const [allowance, setAllowance] = useState<RefundAllowance | null>(null);
  const refundable = sale.businessStatus === 'purchased' && sale.syncState === 'synced';
  useEffect(() => {
    if (!refundable || !isManager) return;
    call('sales.refundAllowance', {})
      .then(setAllowance)
      .catch(() => setAllowance(null));
  }, [refundable, isManager, done]);
  // The customer's grant as the feed says (used, expired): a refund it rules out is explained before anyone tries.
  const [grant, setGrant] = useState<SaleGrantState | null>(null);
  useEffect(() => {
    if (!refundable) return;
    call('sales.grantState', { saleId: sale.id })
      .then(setGrant)
      .catch(() => setGrant(null));
  }, [refundable, sale.id]);

  if (done)
    return (
      <div className="refund-done" role="status" data-testid="refund-done">
        <strong>{t.done({ number: done.refundNumber })}</strong>
        <span className="refund-cash">{t.giveBack({ amount: moneyText(done.cashBack, done.currency) })}</span>
        <span className="muted">
          {t.creditsBack({ amount: moneyText(done.creditsReturned, done.currency) })}
        </span>
        <RefundReceiptButton saleId={sale.id} />
      </div>
    );
  if (sale.businessStatus === 'refunded')
    return (
      <div className="refund-panel">
        <RefundReceiptButton saleId={sale.id} />
      </div>
    );
  if (sale.businessStatus === 'activated')
    return (
      <p className="muted" data-testid="refund-ticket">
        {t.bySupport} <span className="mono">{sale.packageId}</span>.
      </p>
    );
  if (!refundable) return null;
  const grantNote = grantRefundNote(grant, m);
  if (grantNote)
    return (
      <p className="muted" data-testid="refund-grant-state">
        {grantNote}
      </p>
    );
  if (!isManager) return <p className="muted">{t.managerCan}</p>;

  const refund = async (): Promise<void> => {
    setStep('busy');
    setError(null);
    try {
      setDone(await call('sales.refund', { saleId: sale.id }));
      onDone();
    } catch (err) {
      setError(errorText(err));
      setStep('idle');
    }
  };

  return (
    <div className="refund-panel">
      {step === 'idle' ? (
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => setStep('confirm')}
          data-testid="refund-start"
        >
          {t.start}
        </button>
      ) : (
        <div className="refund-confirm" role="group" aria-label={t.confirmLabel}>
          <p>
            {t.confirmPrefix} <strong>{sale.saleNumber}</strong>
            {t.confirmMiddle} <strong>{moneyText(sale.retailAmount, sale.currency)}</strong>
            {t.confirmSuffix}
          </p>
          <div className="modal-actions">
            <button
              type="button"
              className="btn btn-danger"
              disabled={step === 'busy'}
              onClick={() => void refund()}
              autoFocus
              data-testid="refund-confirm"
            >
              {step === 'busy' ? t.refunding : t.confirm}
            </button>
            <button type="button" className="btn" disabled={step === 'busy'} onClick={() => setStep('idle')}>
              {m.common.cancel}
            </button>
          </div>
        </div>
      )}
      {allowance ? (
        <p className="muted" data-testid="refund-allowance">
          {t.allowance({ used: fmt.count(allowance.used), limit: fmt.count(allowance.monthlyLimit) })}
          {allowance.cutoffAt ? t.cutoff({ date: fmt.date(allowance.cutoffAt) }) : ''}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert" data-testid="refund-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Saves the refund receipt of a sale refunded at this terminal as a PDF download. */
function RefundReceiptButton({ saleId }: { saleId: string }) {
  const toast = useAppStore((s) => s.toast);
  const { m } = useL10n();
  return (
    <button
      type="button"
      className="btn"
      onClick={() =>
        void saveRefundReceiptPdf(saleId)
          .then((file) => toast('ok', currentL10n().m.sales.refund.saved({ file })))
          .catch((err: unknown) => toast('bad', errorText(err)))
      }
      data-testid="refund-receipt"
    >
      {m.sales.refund.saveReceipt}
    </button>
  );
}
