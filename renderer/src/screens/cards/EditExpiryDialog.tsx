import { useState, type FormEvent } from 'react';
import type { EditCardsResult } from '../../../../core/contract/types/cards';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { localDayFromToday, localDayLastSecond } from './card-dates';
import { targetText, type CardTarget } from './card-target';
import { Modal } from './Modal';

/** "12 changed, 3 skipped (activated 2, expired 1, void 0)". */
export function editResultText(r: EditCardsResult): string {
  const s = r.skipped;
  const skipped = s.activated + s.expired + s.void;
  return `${r.changed.toLocaleString()} changed, ${skipped.toLocaleString()} skipped (activated ${s.activated}, expired ${s.expired}, void ${s.void})`;
}

/**
 * Mass edit (manager, online): expiry preserved or set to the end of a chosen day. Only new cards change; the answer
 * says how many changed and why the others were skipped. (Owner changes are not offered by the server yet.)
 */
export function EditExpiryDialog({
  target,
  total,
  onClose,
  onDone,
}: {
  target: CardTarget;
  total: number | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [mode, setMode] = useState<'preserve' | 'set'>('set');
  const [day, setDay] = useState(localDayFromToday(365));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<EditCardsResult | null>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    const value = mode === 'set' ? localDayLastSecond(day) : null;
    if (mode === 'set' && !value) {
      setError('Choose the new expiry date.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await call('cards.edit', {
        target,
        expiresAt: value ? { mode: 'set', value } : { mode: 'preserve' },
      });
      setResult(r);
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Edit cards" onClose={onClose} testId="edit-dialog">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p>
          Editing <strong data-testid="edit-target">{targetText(target, total)}</strong>. Only new cards
          change: activated, expired and void cards are skipped.
        </p>
        <fieldset className="radio-group">
          <legend>Expiry</legend>
          <label className="check">
            <input
              type="radio"
              name="expiry"
              checked={mode === 'preserve'}
              onChange={() => setMode('preserve')}
              data-testid="edit-preserve"
            />
            Preserve (keep each card’s expiry)
          </label>
          <label className="check">
            <input
              type="radio"
              name="expiry"
              checked={mode === 'set'}
              onChange={() => setMode('set')}
              data-testid="edit-set"
            />
            Set to the end of
            <input
              type="date"
              value={day}
              onChange={(e) => {
                setDay(e.target.value);
                setMode('set');
              }}
              aria-label="New expiry date"
              data-testid="edit-date"
            />
          </label>
        </fieldset>
        <p className="muted">Owner: preserved (moving cards between resellers is not offered yet).</p>
        {error ? (
          <p className="error" role="alert" data-testid="edit-error">
            {error}
          </p>
        ) : null}
        {result ? (
          <p className="result-ok" role="status" data-testid="edit-result">
            {editResultText(result)}
          </p>
        ) : null}
        <div className="modal-actions">
          {result ? (
            <button type="button" className="btn btn-primary btn-large" onClick={onClose} autoFocus>
              Done
            </button>
          ) : (
            <button
              type="submit"
              className="btn btn-primary btn-large"
              disabled={busy}
              data-testid="edit-apply"
            >
              {busy ? 'Applying…' : 'Apply'} <kbd>Enter</kbd>
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
