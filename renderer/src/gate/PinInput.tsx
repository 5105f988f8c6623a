import { useEffect, useRef } from 'react';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/** A PIN field (digits only, hidden) with a large on-screen keypad for touch counters. */
export function PinInput({
  value,
  onChange,
  label,
  testId,
  autoFocus,
  focusOn,
}: {
  value: string;
  onChange: (pin: string) => void;
  label: string;
  testId: string;
  autoFocus?: boolean;
  /** The field takes the focus whenever this changes (the sign-in screen: the clerk picked a name). */
  focusOn?: string | null;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusOn) input.current?.focus();
  }, [focusOn]);
  const press = (key: (typeof KEYS)[number]): void => {
    if (key === 'clear') onChange('');
    else if (key === 'back') onChange(value.slice(0, -1));
    else if (value.length < 8) onChange(value + key);
    input.current?.focus();
  };
  return (
    <div className="pin">
      <label>
        {label}
        <input
          ref={input}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={value}
          maxLength={8}
          onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 8))}
          data-testid={testId}
          autoFocus={autoFocus}
          className="pin-field"
        />
      </label>
      <div className="keypad" aria-hidden="true">
        {KEYS.map((k) => (
          <button key={k} type="button" tabIndex={-1} className="key" onClick={() => press(k)}>
            {k === 'clear' ? 'C' : k === 'back' ? '⌫' : k}
          </button>
        ))}
      </div>
    </div>
  );
}
