import { useState, type FormEvent } from 'react';
import type { EditCardsResult } from '../../../../core/contract/types/cards';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { localDayFromToday, localDayLastSecond } from './card-dates';
import { targetText, type CardTarget } from './card-target';
import { Modal } from './Modal';

/** Why cards were skipped, in the words the dialog uses. */
const SKIP_REASONS: readonly [keyof EditCardsResult['skipped'], string][] = [
  ['activated', 'activated'],
  ['expired', 'expired'],
  ['void', 'void'],
  ['sameOwner', 'already the new owner’s'],
  ['serialTaken', 'serial already used by the new owner'],
  ['otherCurrency', 'new owner uses another currency'],
];

/** "12 changed, 3 skipped: 2 activated, 1 expired" (reasons only when something was skipped). */
export function editResultText(r: EditCardsResult): string {
  const reasons = SKIP_REASONS.filter(([k]) => r.skipped[k] > 0).map(
    ([k, words]) => `${r.skipped[k].toLocaleString()} ${words}`,
  );
  const skipped = SKIP_REASONS.reduce((n, [k]) => n + r.skipped[k], 0);
  return `${r.changed.toLocaleString()} changed, ${skipped.toLocaleString()} skipped${reasons.length ? `: ${reasons.join(', ')}` : ''}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Mass edit (manager, online): expiry preserved or set to the end of a chosen day, owner preserved or set to this
 * shop or one of its affiliates (the new owner's credits pay the cards' value; the former owner gets it back). Only
 * new, unexpired cards change, each entirely or not at all; the answer says how many changed and why the others were
 * skipped.
 */
export function EditCardsDialog({
  target,
  total,
  ownResellerId,
  onClose,
  onDone,
}: {
  target: CardTarget;
  total: number | null;
  ownResellerId: string | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [mode, setMode] = useState<'preserve' | 'set'>('set');
  const [day, setDay] = useState(localDayFromToday(365));
  const [ownerMode, setOwnerMode] = useState<'preserve' | 'set'>('preserve');
  const [owner, setOwner] = useState('');
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
    const newOwner = owner.trim().toLowerCase();
    if (ownerMode === 'set' && !UUID.test(newOwner)) {
      setError('Enter the new owner’s reseller id, or choose “This shop”.');
      return;
    }
    if (mode === 'preserve' && ownerMode === 'preserve') {
      setError('Nothing to change: set the expiry, the owner, or both.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await call('cards.edit', {
        target,
        expiresAt: value ? { mode: 'set', value } : { mode: 'preserve' },
        ownerId: ownerMode === 'set' ? { mode: 'set', value: newOwner } : { mode: 'preserve' },
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
          change, each entirely or not at all: activated, expired and void cards are skipped.
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
        <fieldset className="radio-group">
          <legend>Owner</legend>
          <label className="check">
            <input
              type="radio"
              name="owner"
              checked={ownerMode === 'preserve'}
              onChange={() => setOwnerMode('preserve')}
              data-testid="edit-owner-preserve"
            />
            Preserve (keep each card’s owner)
          </label>
          <label className="check">
            <input
              type="radio"
              name="owner"
              checked={ownerMode === 'set'}
              onChange={() => setOwnerMode('set')}
              data-testid="edit-owner-set"
            />
            Set to reseller
            <input
              value={owner}
              onChange={(e) => {
                setOwner(e.target.value);
                setOwnerMode('set');
              }}
              placeholder="reseller id"
              className="owner-id"
              spellCheck={false}
              aria-label="New owner (reseller id)"
              data-testid="edit-owner"
            />
            {ownResellerId ? (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setOwner(ownResellerId);
                  setOwnerMode('set');
                }}
                data-testid="edit-owner-self"
              >
                This shop
              </button>
            ) : null}
          </label>
          {ownerMode === 'set' ? (
            <p className="muted">
              The new owner’s credits pay the cards’ face value; the former owner gets it back.
            </p>
          ) : null}
        </fieldset>
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
