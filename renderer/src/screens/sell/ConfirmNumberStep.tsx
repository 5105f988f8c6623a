import { useEffect, useRef, type KeyboardEvent } from 'react';
import { accountGroups } from '../../../../core/sales/account-grouping';
import { moneyText } from '../../format/money-text';
import { useL10n } from '../../i18n/locale-store';
import { isFunctionKey } from './fkey-bindings';
import '../../styles/accessibility.css';
import '../../styles/confirm-number.css';

/**
 * Confirm the number: before a direct top-up is sent, the customer's account in big grouped digits ("555 123 4567"),
 * the package and the amount, for the clerk to read back to the customer. Enter (or the big Confirm button) sends;
 * Esc goes back to the form with the number kept and focused, to correct it. One extra Enter for the clerk.
 *
 * Every direct top-up gets this step, online or offline: the counter cannot know before sending whether the server
 * will answer in time (online first, the offline rules when it does not), and a top-up queued offline to a wrong
 * number reaches that stranger's wallet at the next sync just the same; a wrong number is the classic loss either way.
 * A PIN-on-receipt sale (not sold from this screen yet) needs no such step: no account is credited, the PIN is printed
 * for the person at the counter, so there is no number to get wrong.
 *
 * Keys pressed here stay here (the Sell screen's Esc would clear the sale, its F-keys would change the package).
 * Enter sends on its own key press (the press that opened the step was handled by the form before the step existed),
 * and a held Enter does not send twice.
 */
export function ConfirmNumberStep({
  account,
  packageName,
  quantity,
  total,
  currency,
  onConfirm,
  onBack,
}: {
  account: string;
  packageName: string;
  quantity: number;
  total: number;
  currency: string;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const t = useL10n().m.sell.confirmNumber;
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    confirmRef.current?.focus();
    return () => d?.close();
  }, []);
  // Closed before the parent acts, so the page is no longer inert when the parent moves the focus (to the account).
  const close = (): void => ref.current?.close();
  const confirm = (): void => {
    close();
    onConfirm();
  };
  const back = (): void => {
    close();
    onBack();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>): void => {
    e.stopPropagation();
    if (isFunctionKey(e.key)) e.preventDefault();
    // Enter sends, unless the clerk moved to "Edit the number" (Enter there goes back, as its click does).
    if (e.key === 'Enter' && e.target !== backRef.current) {
      e.preventDefault();
      if (!e.repeat) confirm();
    }
  };

  const groups = accountGroups(account);
  return (
    <dialog
      ref={ref}
      className="modal confirm-number"
      aria-labelledby="confirm-number-title"
      aria-describedby="confirm-number-account"
      onCancel={(e) => {
        e.preventDefault();
        back();
      }}
      onKeyDown={onKeyDown}
      data-testid="confirm-number"
    >
      <h2 id="confirm-number-title">{t.title}</h2>
      <p className="confirm-number-account" id="confirm-number-account" data-testid="confirm-number-account">
        <span className="screen-reader-only">{`${t.account} `}</span>
        {groups.map((g, i) => (
          <span key={i} className="confirm-number-group">
            {g}
            {i < groups.length - 1 ? ' ' : ''}
          </span>
        ))}
      </p>
      <dl className="confirm-number-facts">
        <div>
          <dt>{t.package}</dt>
          <dd data-testid="confirm-number-package">
            {packageName}
            {quantity > 1 ? ` × ${quantity}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t.amount}</dt>
          <dd data-testid="confirm-number-amount">{moneyText(total, currency)}</dd>
        </div>
      </dl>
      <div className="confirm-number-actions">
        <button
          ref={confirmRef}
          type="button"
          className="btn btn-primary btn-large"
          onClick={confirm}
          data-testid="confirm-number-send"
        >
          {t.confirm} <kbd>Enter</kbd>
        </button>
        <button
          ref={backRef}
          type="button"
          className="btn btn-large"
          onClick={back}
          data-testid="confirm-number-back"
        >
          {t.edit} <kbd>Esc</kbd>
        </button>
      </div>
    </dialog>
  );
}
