import { useState, type FormEvent } from 'react';
import type { DeleteCardsResult } from '../../../../core/contract/types/cards';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { moneyText } from '../../format/money-text';
import { targetText, type CardTarget } from './card-target';
import { Modal } from './Modal';

/**
 * Delete cards never redeemed (manager, online): the selected ones or every card of the filter; the manager types
 * `delete` to confirm. The face value of new cards returns to their owner's credits.
 */
export function DeleteCardsDialog({
  selected,
  matching,
  total,
  currency,
  onClose,
  onDone,
}: {
  selected: CardTarget | null;
  matching: CardTarget;
  total: number | null;
  currency: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [scope, setScope] = useState<'selected' | 'matching'>(selected ? 'selected' : 'matching');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DeleteCardsResult | null>(null);
  const target = scope === 'selected' && selected ? selected : matching;
  const confirmed = typed.trim() === 'delete';

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy || !confirmed) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await call('cards.delete', { target, confirm: 'delete' }));
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Delete cards" onClose={onClose} testId="delete-dialog">
      <form className="form" onSubmit={(e) => void submit(e)}>
        {result ? (
          <p className="result-ok" role="status" data-testid="delete-result">
            Deleted {result.deleted.toLocaleString()} card{result.deleted === 1 ? '' : 's'};{' '}
            {moneyText(result.returnedValue, currency)} returned to the owner’s credits
            {result.skipped.activated > 0
              ? `; ${result.skipped.activated.toLocaleString()} activated skipped`
              : ''}
            .
          </p>
        ) : (
          <>
            <fieldset className="radio-group">
              <legend>Which cards</legend>
              <label className="check">
                <input
                  type="radio"
                  name="scope"
                  checked={scope === 'selected'}
                  disabled={!selected}
                  onChange={() => setScope('selected')}
                  data-testid="delete-scope-selected"
                />
                {selected ? targetText(selected, total) : 'Selected cards (none selected)'}
              </label>
              <label className="check">
                <input
                  type="radio"
                  name="scope"
                  checked={scope === 'matching'}
                  onChange={() => setScope('matching')}
                  data-testid="delete-scope-matching"
                />
                {targetText(matching, total)}
              </label>
            </fieldset>
            <p>
              Activated cards are never deleted. The face value of deleted new cards returns to the owner’s
              credits. This cannot be undone.
            </p>
            <label>
              Type <strong>delete</strong> to confirm
              <input
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoComplete="off"
                autoFocus
                data-testid="delete-confirm-text"
              />
            </label>
          </>
        )}
        {error ? (
          <p className="error" role="alert" data-testid="delete-error">
            {error}
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
              className="btn btn-danger btn-large"
              disabled={busy || !confirmed}
              data-testid="delete-submit"
            >
              {busy ? 'Deleting…' : `Delete ${targetText(target, total)}`}
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
