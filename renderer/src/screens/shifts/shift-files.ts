import { call } from '../../contract/contract-client';
import { base64ToBytes } from '../../format/base64-bytes';

/** Renders a shift report and offers it as a PDF download (both hosts). Resolves with the file name. */
export async function saveShiftReportPdf(kind: 'X' | 'Z', shiftId?: string): Promise<string> {
  const r = await call('shifts.report', shiftId ? { kind, shiftId } : { kind });
  const url = URL.createObjectURL(new Blob([base64ToBytes(r.pdfBase64)], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return r.fileName;
}

/** Prints a shift report on the receipt printer. Resolves with the printer's name. */
export async function printShiftReport(kind: 'X' | 'Z', shiftId?: string): Promise<string> {
  const r = await call('shifts.print', shiftId ? { kind, shiftId } : { kind });
  return r.printer;
}
