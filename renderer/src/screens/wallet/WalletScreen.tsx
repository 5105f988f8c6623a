import { useCallback } from 'react';
import { useAutoTopUpRule } from '../../hooks/credit/use-auto-top-up-rule';
import { useL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';
import '../../styles/wallet.css';
import { AlertsPanel } from './AlertsPanel';
import { AutoTopUpPanel } from './AutoTopUpPanel';
import { BalanceCard } from './BalanceCard';
import { BalanceChart } from './BalanceChart';
import { HistoryPanel } from './HistoryPanel';
import { NoticesPanel } from './NoticesPanel';
import { PackagesPanel } from './PackagesPanel';
import { PaymentMethodPanel } from './PaymentMethodPanel';
import { TransferPanel } from './TransferPanel';

/**
 * The reseller's wallet (Alt+5). A clerk sees the balance; a manager also buys credits, manages the card, auto
 * top-up, alerts and webhook, moves credits to affiliates, and reads the history and notices.
 */
export function WalletScreen() {
  const { m } = useL10n();
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const currency = useAppStore((s) => s.status?.currency ?? null);
  return (
    <section className="screen wallet-screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{m.wallet.title}</h1>
      <BalanceCard />
      {isManager && currency ? (
        <ManagerWallet currency={currency} />
      ) : (
        <p className="muted read-only-note">{m.wallet.managerOnly}</p>
      )}
    </section>
  );
}

function ManagerWallet({ currency }: { currency: string }) {
  const topUp = useAutoTopUpRule(currency);
  const reloadRule = topUp.rule.reload;
  const reloadAttempts = topUp.attempts.reload;
  const refresh = useCallback(() => {
    reloadRule();
    reloadAttempts();
  }, [reloadRule, reloadAttempts]);
  return (
    <>
      <BalanceChart />
      <div className="wallet-grid">
        <PackagesPanel />
        <PaymentMethodPanel onChanged={refresh} />
        <AutoTopUpPanel topUp={topUp} currency={currency} />
        <AlertsPanel currency={currency} />
        <NoticesPanel />
        <TransferPanel currency={currency} onDone={refresh} />
      </div>
      <HistoryPanel />
    </>
  );
}
