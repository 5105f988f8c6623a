import { useRef, type KeyboardEvent } from 'react';
import { call } from '../contract/contract-client';
import { useL10n } from '../i18n/locale-store';
import { useAppStore } from '../store/app-store';
import { lockTill } from './lock-till';
import { SCREENS } from './screens';
import './navigation.css';

/** The product's name, the same in every language, drawn in two parts (the second in the accent colour). */
const PRODUCT_NAME = ['Refill', 'Desk'] as const;

/** The left-hand navigation: large targets, arrow keys move between items, Alt+digit jumps from anywhere. */
export function Navigation() {
  const screen = useAppStore((s) => s.screen);
  const setScreen = useAppStore((s) => s.setScreen);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const clerk = useAppStore((s) => s.session?.clerk ?? null);
  const pending = useAppStore((s) => s.status?.pendingCount ?? 0);
  const setSession = useAppStore((s) => s.setSession);
  const { m, fmt } = useL10n();
  const signOut = (): void => {
    call('session.signOut', {})
      .then(setSession)
      .catch(() => undefined);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, index: number): void => {
    const delta = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (delta === 0) return;
    e.preventDefault();
    const next = (index + delta + SCREENS.length) % SCREENS.length;
    refs.current[next]?.focus();
  };

  return (
    <nav className="nav" aria-label={m.app.nav.label}>
      <div className="brand">
        {PRODUCT_NAME[0]}
        <span>{PRODUCT_NAME[1]}</span>
      </div>
      <ul>
        {SCREENS.map((s, i) => (
          <li key={s.id}>
            <button
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              className={s.id === screen ? 'nav-item active' : 'nav-item'}
              aria-current={s.id === screen ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
              data-testid={`nav-${s.id}`}
            >
              <span className="nav-label">
                {m.app.screens[s.id]}
                {s.id === 'sync' && pending > 0 ? (
                  <span
                    className="nav-badge"
                    aria-label={fmt.counted(pending, m.app.nav.waitingToSync)}
                    data-testid="nav-sync-pending"
                  >
                    {pending}
                  </span>
                ) : null}
              </span>
              <kbd aria-hidden="true">{m.app.nav.altKey({ key: s.key })}</kbd>
            </button>
          </li>
        ))}
      </ul>
      <div className="nav-footer">
        {clerk ? (
          <div className="nav-clerk">
            {clerk.name} <span>{m.app.roles[clerk.role]}</span>
          </div>
        ) : null}
        <div className="nav-session">
          <button
            type="button"
            className="nav-item nav-signout"
            onClick={lockTill}
            title={m.app.nav.lockHint}
            aria-keyshortcuts="Alt+L"
            data-testid="lock"
          >
            {m.app.nav.lock}
            <kbd aria-hidden="true">{m.app.nav.altKey({ key: 'L' })}</kbd>
          </button>
          <button type="button" className="nav-item nav-signout" onClick={signOut} data-testid="sign-out">
            {m.app.nav.signOut}
          </button>
        </div>
      </div>
    </nav>
  );
}
