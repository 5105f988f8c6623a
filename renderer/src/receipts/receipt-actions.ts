import { call } from '../contract/contract-client';
import { base64ToBytes } from '../format/base64-bytes';

/** Offers a rendered PDF as a download (both hosts). */
function downloadPdf(pdfBase64: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(pdfBase64)], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Renders a sale's receipt and saves it as a PDF download (both hosts). Resolves with whether it was a COPY. */
export async function saveReceiptPdf(saleId: string): Promise<{ fileName: string; copy: boolean }> {
  const r = await call('receipts.render', { saleId });
  downloadPdf(r.pdfBase64, r.fileName);
  return { fileName: r.fileName, copy: r.copy };
}

/** Renders a refunded sale's refund receipt and saves it as a PDF download. */
export async function saveRefundReceiptPdf(saleId: string): Promise<string> {
  const r = await call('receipts.renderRefund', { saleId });
  downloadPdf(r.pdfBase64, r.fileName);
  return r.fileName;
}

/** Sends a sale's receipt to the configured printer through the OS print queue. */
export async function printReceipt(saleId: string): Promise<{ printer: string; copy: boolean }> {
  const r = await call('receipts.print', { saleId });
  return { printer: r.printer, copy: r.copy };
}
