import { call } from '../contract/contract-client';
import { base64ToBytes } from '../format/base64-bytes';

/** Renders a sale's receipt and saves it as a PDF download (both hosts). Resolves with whether it was a COPY. */
export async function saveReceiptPdf(saleId: string): Promise<{ fileName: string; copy: boolean }> {
  const r = await call('receipts.render', { saleId });
  const url = URL.createObjectURL(new Blob([base64ToBytes(r.pdfBase64)], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { fileName: r.fileName, copy: r.copy };
}

/** Sends a sale's receipt to the configured printer through the OS print queue. */
export async function printReceipt(saleId: string): Promise<{ printer: string; copy: boolean }> {
  const r = await call('receipts.print', { saleId });
  return { printer: r.printer, copy: r.copy };
}
