import { useEffect } from 'react';
import { call, on } from '../contract/contract-client';
import { ComingSoonScreen } from '../screens/ComingSoonScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { useAppStore } from '../store/app-store';
import { Navigation } from './Navigation';
import { SCREENS, type ScreenId } from './screens';
import { StatusBar } from './StatusBar';

const SUMMARIES: Readonly<Record<ScreenId, string>> = {
  sell: 'Sell top-ups at the counter: packages, customer account, cash and change.',
  redeem: 'Redeem a PIN top-up card for a customer, by PIN or serial + PIN.',
  cards: 'Generate and print batches of PIN top-up cards.',
  sales: 'Sales history with filters, details and receipt reprints.',
  wallet: 'The reseller credit wallet, customer wallets and auto top-up.',
  reports: 'Daily totals, shifts and reseller reports.',
  sync: 'Pending and rejected commands, with the server’s reasons.',
  settings: '',
};

function CurrentScreen({ screen }: { screen: ScreenId }) {
  if (screen === 'settings') return <SettingsScreen />;
  const meta = SCREENS.find((s) => s.id === screen)!;
  return <ComingSoonScreen title={meta.label} summary={SUMMARIES[screen]} />;
}

/** The clerk's window: navigation, the current screen, the status bar. */
export function App() {
  const screen = useAppStore((s) => s.screen);
  const setScreen = useAppStore((s) => s.setScreen);
  const setStatus = useAppStore((s) => s.setStatus);
  const setHostReachable = useAppStore((s) => s.setHostReachable);

  useEffect(() => {
    const refresh = (): void => {
      call('app.status', {})
        .then(setStatus)
        .catch(() => setHostReachable(false));
    };
    refresh();
    const off = on('app.status', setStatus);
    const timer = setInterval(refresh, 10_000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [setStatus, setHostReachable]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const target = SCREENS.find((s) => s.key === e.key || `Digit${s.key}` === e.code);
      if (target) {
        e.preventDefault();
        setScreen(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setScreen]);

  return (
    <div className="app">
      <Navigation />
      <main className="content" key={screen}>
        <CurrentScreen screen={screen} />
      </main>
      <StatusBar />
    </div>
  );
}
