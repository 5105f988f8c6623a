import { useEffect, useState } from 'react';
import { MANAGER_MIN_PIN_LENGTH } from '../../../core/clerks/pin-rules';
import { call, on } from '../contract/contract-client';
import { EnrollmentScreen } from '../gate/EnrollmentScreen';
import { FirstManagerScreen } from '../gate/FirstManagerScreen';
import { SignInScreen } from '../gate/SignInScreen';
import { TokenProblemScreen } from '../gate/TokenProblemScreen';
import { ShortcutSheet } from './ShortcutSheet';
import { errorCode } from '../errors/error-text';
import { codeText } from '../errors/code-text';
import { noticeText } from '../screens/wallet/notice-text';
import { CardsScreen } from '../screens/cards/CardsScreen';
import { ComingSoonScreen } from '../screens/ComingSoonScreen';
import { RedeemScreen } from '../screens/redeem/RedeemScreen';
import { ReportsScreen } from '../screens/reports/ReportsScreen';
import { SalesScreen } from '../screens/SalesScreen';
import { SellScreen } from '../screens/sell/SellScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { SyncScreen } from '../screens/SyncScreen';
import { WalletScreen } from '../screens/wallet/WalletScreen';
import { applyLocaleSettings, currentL10n, useL10n } from '../i18n/locale-store';
import type { Catalog } from '../../../core/i18n/catalog';
import { useAppStore } from '../store/app-store';
import { lockTill } from './lock-till';
import { Navigation } from './Navigation';
import { SCREENS, type ScreenId } from './screens';
import { StatusBar } from './StatusBar';
import { useScreenHeadingFocus } from './screen-heading-focus';
import { Toasts } from './Toasts';

/** What a screen that has not landed yet will do ('' when there is nothing to say). */
function summary(m: Catalog, screen: ScreenId): string {
  const summaries: Partial<Record<ScreenId, string>> = m.app.summaries;
  return summaries[screen] ?? '';
}

function CurrentScreen({ screen }: { screen: ScreenId }) {
  const { m } = useL10n();
  switch (screen) {
    case 'sell':
      return <SellScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'sales':
      return <SalesScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'cards':
      return <CardsScreen />;
    case 'redeem':
      return <RedeemScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'wallet':
      return <WalletScreen />;
    default:
      return <ComingSoonScreen title={m.app.screens[screen]} summary={summary(m, screen)} />;
  }
}

/** Enrollment, then the first manager, then sign-in, then the app: whichever the terminal needs now. */
function Gate() {
  const terminal = useAppStore((s) => s.terminal);
  const session = useAppStore((s) => s.session);
  const screen = useAppStore((s) => s.screen);
  const tokenRejected = useAppStore((s) => s.tokenRejected);
  const { m, fmt } = useL10n();
  useScreenHeadingFocus(screen, Boolean(session?.clerk) && !tokenRejected);
  if (tokenRejected) return <TokenProblemScreen />;
  if (!terminal || !session) return <main className="content" aria-busy="true" />;
  if (!terminal.enrolled) return <EnrollmentScreen />;
  if (session.bootstrapNeeded) return <FirstManagerScreen />;
  if (!session.clerk) return <SignInScreen />;
  return (
    <>
      <Navigation />
      <main className="content" key={screen}>
        {session.managerPinTooShort ? (
          <p className="error" role="status" data-testid="manager-pin-short">
            {m.app.managerPinShort({ min: fmt.count(MANAGER_MIN_PIN_LENGTH) })}
          </p>
        ) : null}
        <CurrentScreen screen={screen} />
      </main>
    </>
  );
}

/** The clerk's window: the gate or the app, toasts, and the status bar. */
export function App() {
  const setScreen = useAppStore((s) => s.setScreen);
  const setStatus = useAppStore((s) => s.setStatus);
  const setTerminal = useAppStore((s) => s.setTerminal);
  const setSession = useAppStore((s) => s.setSession);
  const setHostReachable = useAppStore((s) => s.setHostReachable);
  const setTokenRejected = useAppStore((s) => s.setTokenRejected);
  const notice = useAppStore((s) => s.notice);
  const signedIn = useAppStore((s) => Boolean(s.session?.clerk));
  // The whole window re-renders in the new language when a manager switches it.
  useL10n();

  useEffect(() => {
    call('settings.get', {})
      .then(applyLocaleSettings)
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    let lastClerk: string | null | undefined;
    let lastEnrolled: boolean | undefined;
    let lastSync: string | null | undefined;
    // A refused session token (browser mode) is not a service that stopped: say so apart.
    const failed = (err: unknown): void => {
      if (errorCode(err) === 'unauthorized') setTokenRejected(true);
      else setHostReachable(false);
    };
    const refreshGate = (): void => {
      Promise.all([call('terminal.state', {}), call('session.current', {})])
        .then(([t, s]) => {
          setTerminal(t);
          setSession(s);
        })
        .catch(failed);
    };
    const refreshTerminal = (): void => {
      call('terminal.state', {}).then(setTerminal).catch(failed);
    };
    const refresh = (): void => {
      call('app.status', {}).then(setStatus).catch(failed);
    };
    refreshGate();
    refresh();
    const offStatus = on('app.status', (s) => {
      setStatus(s);
      // Sign-in, sign-out, auto-lock and enrollment all show in the status: re-read the gate when they change.
      if (s.clerkName !== lastClerk || s.enrolled !== lastEnrolled) {
        lastClerk = s.clerkName;
        lastEnrolled = s.enrolled;
        lastSync = s.lastSyncAt;
        refreshGate();
      } else if (s.lastSyncAt !== lastSync) {
        // A sync may have brought new floor limits (the Sell screen checks the per-sale one).
        lastSync = s.lastSyncAt;
        refreshTerminal();
      }
    });
    const offRejected = on('sync.rejected', (r) =>
      notice(
        'bad',
        currentL10n().m.app.commandRejected({ what: r.summary, why: codeText(r.reason, r.message) }),
      ),
    );
    // Wallet notices (balance alert, auto top-up) show on any screen.
    const offNotice = on('wallet.notice', (n) =>
      notice(
        n.type === 'auto_topup_succeeded' || n.type === 'purchase_succeeded' ? 'ok' : 'warn',
        noticeText(n),
      ),
    );
    const timer = setInterval(refresh, 15_000);
    // The machine's network came back: sync now rather than waiting out the retry backoff.
    const onOnline = (): void => {
      call('sync.now', {}).catch(() => undefined);
    };
    window.addEventListener('online', onOnline);
    return () => {
      offStatus();
      offRejected();
      offNotice();
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
    };
  }, [setStatus, setTerminal, setSession, setHostReachable, setTokenRejected, notice]);

  // Real keyboard, mouse and touch input keeps the clerk's session from auto-locking (at most one call per 15 s).
  useEffect(() => {
    if (!signedIn) return;
    let last = 0;
    const onInput = (): void => {
      const now = Date.now();
      if (now - last < 15_000) return;
      last = now;
      call('session.activity', {}).catch(() => undefined);
    };
    window.addEventListener('keydown', onInput, { capture: true, passive: true });
    window.addEventListener('pointerdown', onInput, { capture: true, passive: true });
    return () => {
      window.removeEventListener('keydown', onInput, { capture: true });
      window.removeEventListener('pointerdown', onInput, { capture: true });
    };
  }, [signedIn]);

  useEffect(() => {
    if (!signedIn) return;
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      // Alt+L locks the till; in a text field only when it would not type a letter (macOS Option+L types one).
      if (e.code === 'KeyL' && (!isTyping(e.target) || e.key.toLowerCase() === 'l')) {
        e.preventDefault();
        lockTill();
        return;
      }
      const target = SCREENS.find((s) => s.key === e.key || `Digit${s.key}` === e.code);
      if (target) {
        e.preventDefault();
        setScreen(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setScreen, signedIn]);

  const [shortcuts, setShortcuts] = useState(false);
  // Signed out or locked: the sheet closes, so it does not come back by itself at the next sign-in.
  const [wasSignedIn, setWasSignedIn] = useState(signedIn);
  if (wasSignedIn !== signedIn) {
    setWasSignedIn(signedIn);
    if (!signedIn) setShortcuts(false);
  }
  useEffect(() => {
    if (!signedIn) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      setShortcuts(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [signedIn]);

  return (
    <div className={signedIn ? 'app' : 'app app-gate'}>
      <Gate />
      <Toasts />
      <StatusBar />
      {shortcuts && signedIn ? <ShortcutSheet onClose={() => setShortcuts(false)} /> : null}
    </div>
  );
}

/** True when a key goes into a text field (a `?` typed there is text, not the shortcut sheet). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
