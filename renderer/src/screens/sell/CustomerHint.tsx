import { useEffect, useState } from 'react';
import type { CustomerLookup } from '../../../../core/sync/protocol';
import { call } from '../../contract/contract-client';
import { errorCode } from '../../errors/error-text';
import { formatLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { useL10n } from '../../i18n/locale-store';

/** A finished lookup: for which account, and what came back (null = unknown customer, 'offline' = no answer). */
type Lookup = { readonly account: string; readonly result: CustomerLookup | null | 'offline' };

/** Under the account field: the customer's name and last top-up when online, "new customer", or "offline". */
export function CustomerHint({ account, online }: { account: string | null; online: boolean }) {
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const t = useL10n().m.sell.customer;
  useEffect(() => {
    if (!account || !online) return;
    let live = true;
    const timer = setTimeout(() => {
      call('customers.lookup', { account })
        .then((c) => live && setLookup({ account, result: c }))
        .catch(
          (err: unknown) => live && errorCode(err) === 'offline' && setLookup({ account, result: 'offline' }),
        );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [account, online]);

  if (!account) return null;
  if (!online) return <p className="hint muted">{t.offline}</p>;
  if (!lookup || lookup.account !== account) return <p className="hint muted">{t.lookingUp}</p>;
  if (lookup.result === 'offline') return <p className="hint muted">{t.noAnswer}</p>;
  if (lookup.result === null) {
    return (
      <p className="hint" data-testid="customer-hint">
        {t.newCustomer}
      </p>
    );
  }
  const c = lookup.result;
  return (
    <p className="hint" data-testid="customer-hint">
      <strong>{c.name ?? t.unnamed}</strong>
      {c.lastTopUpAt ? ` · ${t.lastTopUp({ when: formatLocalTime(c.lastTopUpAt) })}` : ''}
      {c.currency ? ` · ${t.wallet({ amount: moneyText(c.walletBalance, c.currency) })}` : ''}
    </p>
  );
}
