import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useL10n } from '../../i18n/locale-store';

/**
 * A modal dialog (native `<dialog>`): focus stays inside, Esc closes it. Work it starts (a series job) goes on in the
 * background when it closes.
 */
export function Modal({
  title,
  onClose,
  children,
  testId,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  wide?: boolean;
}) {
  const { m } = useL10n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'modal modal-wide' : 'modal'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid={testId}
    >
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn btn-plain" onClick={onClose} aria-label={m.common.close}>
          ✕ <kbd>Esc</kbd>
        </button>
      </div>
      {children}
    </dialog>
  );
}
