import { useLayoutEffect, useRef, type RefObject } from 'react';
import { groupPin, MAX_PIN_LENGTH } from '../../../../core/cards/card-pin';
import { useL10n } from '../../i18n/locale-store';

/** Where the caret goes in grouped text to sit after `digits` digits. */
function caretAfterDigits(text: string, digits: number): number {
  if (digits <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (/\d/.test(text[i]!)) seen++;
    if (seen === digits) return i + 1;
  }
  return text.length;
}

/**
 * A card PIN entry: digits only, shown in groups of four as typed (`1234 5678 9012`), paste accepted (spaces and
 * dashes dropped), the caret kept in place when editing in the middle.
 */
export function PinGroupInput({
  value,
  onChange,
  inputRef,
  disabled,
}: {
  value: string;
  onChange: (digits: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  disabled?: boolean;
}) {
  const caret = useRef<number | null>(null);
  const t = useL10n().m.redeem;

  useLayoutEffect(() => {
    const el = inputRef.current;
    const c = caret.current;
    caret.current = null;
    if (el && c !== null && document.activeElement === el) {
      const pos = caretAfterDigits(el.value, c);
      el.setSelectionRange(pos, pos);
    }
  }, [value, inputRef]);

  return (
    <input
      ref={inputRef}
      className="pin-group-input"
      value={groupPin(value)}
      onChange={(e) => {
        const raw = e.target.value;
        const digitsBefore = raw.slice(0, e.target.selectionStart ?? raw.length).replace(/\D/g, '').length;
        const digits = raw.replace(/\D/g, '').slice(0, MAX_PIN_LENGTH);
        caret.current = Math.min(digitsBefore, digits.length);
        onChange(digits);
      }}
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      disabled={disabled}
      placeholder="1234 5678 9012"
      aria-label={t.pinLabel}
      data-testid="redeem-pin"
    />
  );
}
