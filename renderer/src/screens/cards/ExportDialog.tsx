import { useState } from 'react';
import type { CardsCsv } from '../../../../core/contract/types/cards';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import type { CardFilter } from './card-filter-form';
import { downloadText } from './download';
import { Modal } from './Modal';

/**
 * CSV export of the current filter, downloaded with a `.sha256` manifest (sha256sum format). PINs only for a manager
 * who ticks the box; that export is audited.
 */
export function ExportDialog({
  filter,
  total,
  isManager,
  onClose,
}: {
  filter: CardFilter;
  total: number | null;
  isManager: boolean;
  onClose: () => void;
}) {
  const [includePins, setIncludePins] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CardsCsv | null>(null);

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('cards.exportCsv', { filter, includePins });
      downloadText(r.filename, r.csv, 'text/csv');
      downloadText(`${r.filename}.sha256`, `${r.sha256}  ${r.filename}\n`);
      setResult(r);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Export cards (CSV)" onClose={onClose} testId="export-dialog">
      <div className="form">
        <p>
          Exports the {total === null ? '' : `${total.toLocaleString()} `}cards of the current search as CSV,
          with a SHA-256 manifest file to check it was not altered.
        </p>
        {isManager ? (
          <label className="check">
            <input
              type="checkbox"
              checked={includePins}
              onChange={(e) => setIncludePins(e.target.checked)}
              data-testid="export-pins"
            />
            Include PINs (manager only; this export is audited)
          </label>
        ) : (
          <p className="muted">PINs are left out: only a manager can export them.</p>
        )}
        {includePins ? (
          <p className="warn-box">
            The file will hold live PINs: anyone with it can redeem the cards. Keep it safe.
          </p>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {result ? (
          <p className="result-ok" role="status" data-testid="export-result">
            Saved {result.filename} ({result.count.toLocaleString()} cards
            {result.withPins ? ', with PINs' : ''}) and its manifest. SHA-256{' '}
            <span className="mono">{result.sha256.slice(0, 16)}…</span>
          </p>
        ) : null}
        <div className="modal-actions">
          <button
            type="button"
            className="btn btn-primary btn-large"
            disabled={busy}
            onClick={() => void run()}
            autoFocus
            data-testid="export-run"
          >
            {busy ? 'Exporting…' : result ? 'Export again' : 'Export'}
          </button>
        </div>
      </div>
    </Modal>
  );
}
