import { useState } from 'react';
import type { CardsCsv } from '../../../../core/contract/types/cards';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { useL10n } from '../../i18n/locale-store';
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
  const { m, fmt } = useL10n();
  const t = m.cards.export;
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
    <Modal title={t.title} onClose={onClose} testId="export-dialog">
      <div className="form">
        <p>{total === null ? t.intro : t.introCount({ count: fmt.count(total) })}</p>
        {isManager ? (
          <label className="check">
            <input
              type="checkbox"
              checked={includePins}
              onChange={(e) => setIncludePins(e.target.checked)}
              data-testid="export-pins"
            />
            {t.includePins}
          </label>
        ) : (
          <p className="muted">{t.pinsLeftOut}</p>
        )}
        {includePins ? <p className="warn-box">{t.pinsWarning}</p> : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {result ? (
          <p className="result-ok" role="status" data-testid="export-result">
            {(result.withPins ? t.savedWithPins : t.saved)({
              file: result.filename,
              cards: fmt.counted(result.count, m.cards.cardCount),
            })}{' '}
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
            {busy ? t.exporting : result ? t.again : t.run}
          </button>
        </div>
      </div>
    </Modal>
  );
}
