import { useState } from 'react';
import { errorText } from '../errors/error-text';
import { useL10n } from '../i18n/locale-store';
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
  const t = useL10n().m.sell.receipt;
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
        title={canPrint ? undefined : t.choosePrinter}
        onClick={() =>
          void run(async () => {
            const r = await printReceipt(saleId);
            return r.copy ? t.copySent({ printer: r.printer }) : t.sent({ printer: r.printer });
          })
        }
        data-testid="receipt-print"
      >
        {t.print}
      </button>
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            const r = await saveReceiptPdf(saleId);
            return r.copy ? t.copySaved({ file: r.fileName }) : t.saved({ file: r.fileName });
          })
        }
        data-testid="receipt-save"
      >
        {t.savePdf}
      </button>
    </span>
  );
}
