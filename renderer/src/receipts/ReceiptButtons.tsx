import { useState } from 'react';
import { errorText } from '../errors/error-text';
import { useAppStore } from '../store/app-store';
import { printReceipt, saveReceiptPdf } from './receipt-actions';

/**
 * Print and Save-PDF buttons for one committed sale; later prints come out marked COPY. `onDone` runs after each
 * print or save went through (the Sales details refresh their count of receipts printed).
 */
export function ReceiptButtons({
  saleId,
  canPrint,
  onDone,
}: {
  saleId: string;
  canPrint: boolean;
  onDone?: () => void;
}) {
  const toast = useAppStore((s) => s.toast);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<string>): Promise<void> => {
    setBusy(true);
    try {
      toast('ok', await action());
      onDone?.();
    } catch (err) {
      toast('bad', errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="receipt-buttons">
      <button
        type="button"
        className="btn"
        disabled={busy || !canPrint}
        title={canPrint ? undefined : 'Choose a printer in Settings'}
        onClick={() =>
          void run(async () => {
            const r = await printReceipt(saleId);
            return `Receipt${r.copy ? ' (COPY)' : ''} sent to ${r.printer}`;
          })
        }
        data-testid="receipt-print"
      >
        Print receipt
      </button>
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            const r = await saveReceiptPdf(saleId);
            return `Saved ${r.fileName}${r.copy ? ' (COPY)' : ''}`;
          })
        }
        data-testid="receipt-save"
      >
        Save PDF
      </button>
    </span>
  );
}
