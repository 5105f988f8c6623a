import { useState, type FormEvent } from 'react';
import type { EditCardsResult } from '../../../../core/contract/types/cards';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { useL10n } from '../../i18n/locale-store';
import { localDayFromToday, localDayLastSecond } from './card-dates';
import { targetText, type CardTarget } from './card-target';
import { editResultText } from './edit-result-text';
import { Modal } from './Modal';

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
  const l10n = useL10n();
  const t = l10n.m.cards.edit;
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
      setError(t.chooseExpiry);
      return;
    }
    const newOwner = owner.trim().toLowerCase();
    if (ownerMode === 'set' && !UUID.test(newOwner)) {
      setError(t.enterOwner);
      return;
    }
    if (mode === 'preserve' && ownerMode === 'preserve') {
      setError(t.nothingToChange);
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
    <Modal title={t.title} onClose={onClose} testId="edit-dialog">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p>
          {t.editing}
          <strong data-testid="edit-target">{targetText(target, total, l10n)}</strong>
          {t.editingAfter}
        </p>
        <fieldset className="radio-group">
          <legend>{t.expiry}</legend>
          <label className="check">
            <input
              type="radio"
              name="expiry"
              checked={mode === 'preserve'}
              onChange={() => setMode('preserve')}
              data-testid="edit-preserve"
            />
            {t.preserveExpiry}
          </label>
          <label className="check">
            <input
              type="radio"
              name="expiry"
              checked={mode === 'set'}
              onChange={() => setMode('set')}
              data-testid="edit-set"
            />
            {t.setExpiry}
            <input
              type="date"
              value={day}
              onChange={(e) => {
                setDay(e.target.value);
                setMode('set');
              }}
              aria-label={t.newExpiry}
              data-testid="edit-date"
            />
          </label>
        </fieldset>
        <fieldset className="radio-group">
          <legend>{t.owner}</legend>
          <label className="check">
            <input
              type="radio"
              name="owner"
              checked={ownerMode === 'preserve'}
              onChange={() => setOwnerMode('preserve')}
              data-testid="edit-owner-preserve"
            />
            {t.preserveOwner}
          </label>
          <label className="check">
            <input
              type="radio"
              name="owner"
              checked={ownerMode === 'set'}
              onChange={() => setOwnerMode('set')}
              data-testid="edit-owner-set"
            />
            {t.setOwner}
            <input
              value={owner}
              onChange={(e) => {
                setOwner(e.target.value);
                setOwnerMode('set');
              }}
              placeholder={t.ownerPlaceholder}
              className="owner-id"
              spellCheck={false}
              aria-label={t.newOwner}
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
                {t.thisShop}
              </button>
            ) : null}
          </label>
          {ownerMode === 'set' ? <p className="muted">{t.ownerPays}</p> : null}
        </fieldset>
        {error ? (
          <p className="error" role="alert" data-testid="edit-error">
            {error}
          </p>
        ) : null}
        {result ? (
          <p className="result-ok" role="status" data-testid="edit-result">
            {editResultText(result, l10n)}
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
              className="btn btn-primary btn-large"
              disabled={busy}
              data-testid="edit-apply"
            >
              {busy ? t.applying : t.apply} <kbd>Enter</kbd>
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
