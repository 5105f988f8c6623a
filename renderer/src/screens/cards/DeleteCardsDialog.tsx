import { useState, type FormEvent } from 'react';
import type { DeleteCardsResult } from '../../../../core/contract/types/cards';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { moneyText } from '../../format/money-text';
import { useL10n } from '../../i18n/locale-store';
import { targetText, type CardTarget } from './card-target';
import { Modal } from './Modal';

/** The word the manager types to confirm: the contract's fixed token, the same in every language. */
const CONFIRM_WORD = 'delete';

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
  const l10n = useL10n();
  const { fmt } = l10n;
  const t = l10n.m.cards.delete;
  const [scope, setScope] = useState<'selected' | 'matching'>(selected ? 'selected' : 'matching');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DeleteCardsResult | null>(null);
  const target = scope === 'selected' && selected ? selected : matching;
  const confirmed = typed.trim() === CONFIRM_WORD;

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
    <Modal title={t.title} onClose={onClose} testId="delete-dialog">
      <form className="form" onSubmit={(e) => void submit(e)}>
        {result ? (
          <p className="result-ok" role="status" data-testid="delete-result">
            {t.result({
              deleted: fmt.counted(result.deleted, t.deleted),
              amount: moneyText(result.returnedValue, currency),
              skipped:
                result.skipped.activated > 0
                  ? t.activatedSkipped({ count: fmt.count(result.skipped.activated) })
                  : '',
            })}
          </p>
        ) : (
          <>
            <fieldset className="radio-group">
              <legend>{t.which}</legend>
              <label className="check">
                <input
                  type="radio"
                  name="scope"
                  checked={scope === 'selected'}
                  disabled={!selected}
                  onChange={() => setScope('selected')}
                  data-testid="delete-scope-selected"
                />
                {selected ? targetText(selected, total, l10n) : t.noneSelected}
              </label>
              <label className="check">
                <input
                  type="radio"
                  name="scope"
                  checked={scope === 'matching'}
                  onChange={() => setScope('matching')}
                  data-testid="delete-scope-matching"
                />
                {targetText(matching, total, l10n)}
              </label>
            </fieldset>
            <p>{t.warning}</p>
            <label>
              <span>
                {t.typeBefore}
                <strong>{CONFIRM_WORD}</strong>
                {t.typeAfter}
              </span>
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
              {t.done}
            </button>
          ) : (
            <button
              type="submit"
              className="btn btn-danger btn-large"
              disabled={busy || !confirmed}
              data-testid="delete-submit"
            >
              {busy ? t.deleting : t.submit({ target: targetText(target, total, l10n) })}
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
