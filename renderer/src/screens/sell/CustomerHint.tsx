import { useEffect, useState } from 'react';
import type { CustomerLookup } from '../../../../core/sync/protocol';
import { call } from '../../contract/contract-client';
import { errorCode } from '../../errors/error-text';
import { formatLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';

/** A finished lookup: for which account, and what came back (null = unknown customer, 'offline' = no answer). */
type Lookup = { readonly account: string; readonly result: CustomerLookup | null | 'offline' };

/** Under the account field: the customer's name and last top-up when online, "new customer", or "offline". */
export function CustomerHint({ account, online }: { account: string | null; online: boolean }) {
  const [lookup, setLookup] = useState<Lookup | null>(null);
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
  if (!online) return <p className="hint muted">Offline: customer details unavailable.</p>;
  if (!lookup || lookup.account !== account) return <p className="hint muted">Looking up…</p>;
  if (lookup.result === 'offline')
    return <p className="hint muted">No answer from the server: customer details unavailable.</p>;
  if (lookup.result === null) {
    return (
      <p className="hint" data-testid="customer-hint">
        New customer — the account is created with this top-up.
      </p>
    );
  }
  const c = lookup.result;
  return (
    <p className="hint" data-testid="customer-hint">
      <strong>{c.name ?? 'Customer'}</strong>
      {c.lastTopUpAt ? ` · last top-up ${formatLocalTime(c.lastTopUpAt)}` : ''}
      {c.currency ? ` · wallet ${moneyText(c.walletBalance, c.currency)}` : ''}
    </p>
  );
}
