import { useEffect, useState } from 'react';
import type { MethodInput } from '../../../../core/contract/methods';
import type { SheetPrintJob } from '../../../../core/contract/types/cards';
import { call, on } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { base64ToBytes } from '../../format/base64-bytes';
import { type CardTarget, targetText } from './card-target';
import { Modal } from './Modal';

type Layout = NonNullable<MethodInput<'cards.printSheet'>['layout']>;

/** Base64 pieces of a rendered sheet, fetched in order and saved as one PDF download. */
async function downloadSheet(job: SheetPrintJob): Promise<void> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset = 0, done = false; !done;) {
    const piece = await call('cards.sheetFile', { jobId: job.jobId, offset });
    const bytes = base64ToBytes(piece.base64);
    parts.push(bytes);
    offset += bytes.length;
    done = piece.done || bytes.length === 0;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = job.fileName ?? 'vouchers.pdf';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function skippedText(s: SheetPrintJob['skipped']): string {
  const parts = [
    s.used ? `${s.used} used` : '',
    s.expired ? `${s.expired} expired` : '',
    s.void ? `${s.void} void` : '',
    s.pinNotHeld ? `${s.pinNotHeld} whose PIN another terminal holds` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `Left out: ${parts.join(', ')}.` : '';
}

/**
 * Prints a voucher sheet of the selected or matching cards: layout (paper, preset, barcode, cut marks, redemption
 * text), to the printer or as a PDF; a progress bar with Cancel while it renders in the background. A reprint asks
 * for its reason (every card then says COPY). Works offline: the PINs are on this terminal.
 */
export function PrintSheetDialog({
  target,
  total,
  onClose,
}: {
  target: CardTarget;
  total: number | null;
  onClose: () => void;
}) {
  const [layout, setLayout] = useState<Required<Omit<Layout, 'instructions'>>>({
    paper: 'A4',
    preset: 'card-10',
    barcode: 'code128',
    cutMarks: true,
  });
  const [instructions, setInstructions] = useState('');
  const [destination, setDestination] = useState<'printer' | 'file'>('file');
  const [reason, setReason] = useState('');
  const [needsReason, setNeedsReason] = useState(false);
  const [job, setJob] = useState<SheetPrintJob | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      on('cards.printProgress', (j) => {
        setJob((cur) => (cur && cur.jobId === j.jobId ? j : cur));
      }),
    [],
  );
  // A live preview of one page of made-up cards, re-rendered when the layout settles.
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let stale = false;
    const timer = setTimeout(() => {
      call('cards.sheetPreview', {
        layout: { ...layout, ...(instructions.trim() ? { instructions: instructions.trim() } : {}) },
      })
        .then((r) => {
          if (stale) return;
          url = URL.createObjectURL(new Blob([base64ToBytes(r.pdfBase64)], { type: 'application/pdf' }));
          setPreview(url);
        })
        .catch(() => setPreview(null));
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [layout, instructions]);

  useEffect(() => {
    if (job?.state === 'done' && job.destination === 'file' && job.fileName) {
      downloadSheet(job).catch((err: unknown) => setError(errorText(err)));
    }
  }, [job?.state, job?.destination, job?.fileName, job]);

  const start = async (): Promise<void> => {
    setError(null);
    try {
      const started = await call('cards.printSheet', {
        target,
        layout: { ...layout, ...(instructions.trim() ? { instructions: instructions.trim() } : {}) },
        destination,
        ...(reason.trim() ? { reprintReason: reason.trim() } : {}),
      });
      setJob(started);
    } catch (err) {
      if ((err as { code?: string }).code === 'reprint_reason_required') setNeedsReason(true);
      setError(errorText(err));
    }
  };
  const running = job?.state === 'running';
  const pct = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;

  return (
    <Modal title="Print voucher sheet" onClose={running ? () => undefined : onClose} testId="print-dialog">
      <div className="form">
        <p>Prints {targetText(target, total)}: only new, unexpired cards whose PIN this terminal holds.</p>
        <div className="grid-2">
          <label>
            Paper
            <select
              value={layout.paper}
              onChange={(e) => setLayout({ ...layout, paper: e.target.value as Layout['paper'] & string })}
              data-testid="print-paper"
            >
              <option value="A4">A4</option>
              <option value="Letter">Letter</option>
            </select>
          </label>
          <label>
            Layout
            <select
              value={layout.preset}
              onChange={(e) => setLayout({ ...layout, preset: e.target.value as Layout['preset'] & string })}
              data-testid="print-preset"
            >
              <option value="card-10">10 cards (85 x 55 mm)</option>
              <option value="labels-21">21 labels (3 x 7)</option>
              <option value="dense-50">50 tickets (5 x 10)</option>
            </select>
          </label>
          <label>
            Barcode
            <select
              value={layout.barcode}
              onChange={(e) =>
                setLayout({ ...layout, barcode: e.target.value as Layout['barcode'] & string })
              }
              data-testid="print-barcode"
            >
              <option value="code128">Code 128</option>
              <option value="qr">QR</option>
            </select>
          </label>
          <label>
            Output
            <select
              value={destination}
              onChange={(e) => setDestination(e.target.value as 'printer' | 'file')}
              data-testid="print-destination"
            >
              <option value="file">Save as PDF</option>
              <option value="printer">Printer (Settings)</option>
            </select>
          </label>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={layout.cutMarks}
            onChange={(e) => setLayout({ ...layout, cutMarks: e.target.checked })}
          />
          Cut marks
        </label>
        <label>
          Redemption text (optional)
          <input
            value={instructions}
            maxLength={200}
            onChange={(e) => setInstructions(e.target.value)}
            placeholder="e.g. Dial *123*PIN# or redeem at the counter"
          />
        </label>
        {preview ? (
          <iframe
            className="sheet-preview"
            src={`${preview}#toolbar=0&view=FitH`}
            title="Preview of one page (made-up cards)"
            data-testid="print-preview"
          />
        ) : null}
        {needsReason ? (
          <label>
            Reason for the reprint (every card will say COPY)
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="print-reason"
              autoFocus
            />
          </label>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {job ? (
          <div className={`series-progress series-${job.state}`} role="status" data-testid="print-progress">
            <div className="series-progress-head">
              <strong>
                {job.state === 'running'
                  ? 'Rendering…'
                  : job.state === 'done'
                    ? job.destination === 'printer'
                      ? `Sent to ${job.printer ?? 'the printer'}`
                      : `Saved ${job.fileName ?? 'the PDF'}`
                    : job.state === 'cancelled'
                      ? 'Cancelled: nothing was printed'
                      : `Failed: ${job.error?.message ?? ''}`}
              </strong>
              <span className="muted" data-testid="print-count">
                {job.done.toLocaleString()} / {job.total.toLocaleString()} cards
                {job.copyNumber > 1 ? ` · copy ${job.copyNumber}` : ''}
                {job.pages ? ` · ${job.pages} pages` : ''}
              </span>
            </div>
            <div
              className="progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={job.total}
              aria-valuenow={job.done}
              aria-label="Sheet progress"
            >
              <div className="progress-bar" style={{ width: `${job.state === 'done' ? 100 : pct}%` }} />
            </div>
            <p className="muted">{skippedText(job.skipped)}</p>
          </div>
        ) : null}
        <div className="modal-actions">
          {running ? (
            <button
              type="button"
              className="btn"
              onClick={() => void call('cards.cancelSheet', { jobId: job.jobId }).then(setJob)}
              data-testid="print-cancel"
            >
              Cancel
            </button>
          ) : (
            <>
              <button type="button" className="btn" onClick={onClose}>
                Close
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => void start()}
                data-testid="print-start"
              >
                Print
              </button>
            </>
          )}
        </div>
      </div>
    </Modal>
  );
}
