import { useEffect, useState } from 'react';
import type { MethodInput } from '../../../../core/contract/methods';
import type { SheetPrintJob } from '../../../../core/contract/types/cards';
import { call, on } from '../../contract/contract-client';
import type { Localization } from '../../../../core/i18n/catalog';
import { errorText } from '../../errors/error-text';
import { base64ToBytes } from '../../format/base64-bytes';
import { useL10n } from '../../i18n/locale-store';
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

function skippedText(s: SheetPrintJob['skipped'], { m, fmt }: Pick<Localization, 'm' | 'fmt'>): string {
  const t = m.cards.print;
  const parts = [
    s.used ? t.used({ count: fmt.count(s.used) }) : '',
    s.expired ? t.expired({ count: fmt.count(s.expired) }) : '',
    s.void ? t.void({ count: fmt.count(s.void) }) : '',
    s.pinNotHeld ? t.pinNotHeld({ count: fmt.count(s.pinNotHeld) }) : '',
  ].filter(Boolean);
  return parts.length > 0 ? t.leftOut({ parts: parts.join(', ') }) : '';
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
  const l10n = useL10n();
  const { m, fmt } = l10n;
  const t = m.cards.print;
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
    <Modal title={t.title} onClose={running ? () => undefined : onClose} testId="print-dialog">
      <div className="form">
        <p>{t.intro({ target: targetText(target, total, l10n) })}</p>
        <div className="grid-2">
          <label>
            {t.paper}
            <select
              value={layout.paper}
              onChange={(e) => setLayout({ ...layout, paper: e.target.value as Layout['paper'] & string })}
              data-testid="print-paper"
            >
              <option value="A4">{t.a4}</option>
              <option value="Letter">{t.letter}</option>
            </select>
          </label>
          <label>
            {t.layout}
            <select
              value={layout.preset}
              onChange={(e) => setLayout({ ...layout, preset: e.target.value as Layout['preset'] & string })}
              data-testid="print-preset"
            >
              <option value="card-10">{t.card10}</option>
              <option value="labels-21">{t.labels21}</option>
              <option value="dense-50">{t.dense50}</option>
            </select>
          </label>
          <label>
            {t.barcode}
            <select
              value={layout.barcode}
              onChange={(e) =>
                setLayout({ ...layout, barcode: e.target.value as Layout['barcode'] & string })
              }
              data-testid="print-barcode"
            >
              <option value="code128">{t.code128}</option>
              <option value="qr">{t.qr}</option>
            </select>
          </label>
          <label>
            {t.output}
            <select
              value={destination}
              onChange={(e) => setDestination(e.target.value as 'printer' | 'file')}
              data-testid="print-destination"
            >
              <option value="file">{t.toFile}</option>
              <option value="printer">{t.toPrinter}</option>
            </select>
          </label>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={layout.cutMarks}
            onChange={(e) => setLayout({ ...layout, cutMarks: e.target.checked })}
          />
          {t.cutMarks}
        </label>
        <label>
          {t.instructions}
          <input
            value={instructions}
            maxLength={200}
            onChange={(e) => setInstructions(e.target.value)}
            placeholder={t.instructionsPlaceholder}
          />
        </label>
        {preview ? (
          <iframe
            className="sheet-preview"
            src={`${preview}#toolbar=0&view=FitH`}
            title={t.preview}
            data-testid="print-preview"
          />
        ) : null}
        {needsReason ? (
          <label>
            {t.reason}
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
                  ? t.rendering
                  : job.state === 'done'
                    ? job.destination === 'printer'
                      ? t.sentTo({ printer: job.printer ?? t.thePrinter })
                      : t.saved({ file: job.fileName ?? t.thePdf })
                    : job.state === 'cancelled'
                      ? t.cancelled
                      : t.failed({ reason: job.error?.message ?? '' })}
              </strong>
              <span className="muted" data-testid="print-count">
                {m.cards.progress.count({ done: fmt.count(job.done), total: fmt.count(job.total) })}
                {job.copyNumber > 1 ? t.copy({ n: fmt.count(job.copyNumber) }) : ''}
                {job.pages ? fmt.counted(job.pages, t.pages) : ''}
              </span>
            </div>
            <div
              className="progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={job.total}
              aria-valuenow={job.done}
              aria-label={t.progress}
            >
              <div className="progress-bar" style={{ width: `${job.state === 'done' ? 100 : pct}%` }} />
            </div>
            <p className="muted">{skippedText(job.skipped, l10n)}</p>
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
              {m.common.cancel}
            </button>
          ) : (
            <>
              <button type="button" className="btn" onClick={onClose}>
                {m.common.close}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => void start()}
                data-testid="print-start"
              >
                {m.common.print}
              </button>
            </>
          )}
        </div>
      </div>
    </Modal>
  );
}
