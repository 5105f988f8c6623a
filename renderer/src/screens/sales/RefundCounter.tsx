import { useEffect, useState } from 'react';
import type { RefundAllowance } from '../../../../core/sales/refund-schemas';
import { call } from '../../contract/contract-client';
import { useAppStore } from '../../store/app-store';
import { useL10n } from '../../i18n/locale-store';

/**
 * The shop's refunds this calendar month against the operator's limit (`sales.refundAllowance`: the central API counts
 * every terminal's), shown at the top of Sales history; offline it says the count needs the central API.
 */
export function RefundCounter({ version }: { readonly version: number }) {
  const online = useAppStore((s) => s.status?.online ?? false);
  const { m, fmt } = useL10n();
  const t = m.sales.refundCounter;
  const [allowance, setAllowance] = useState<RefundAllowance | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!online) return;
    call('sales.refundAllowance', {})
      .then((a) => {
        setAllowance(a);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  }, [online, version]);
  if (!online || failed)
    return (
      <p className="muted" data-testid="refund-counter">
        {t.offline}
      </p>
    );
  if (!allowance) return null;
  const full = allowance.used >= allowance.monthlyLimit;
  return (
    <p className={full ? 'bad' : 'muted'} data-testid="refund-counter">
      {t.label} <strong>{fmt.count(allowance.used)}</strong>{' '}
      {t.of({ limit: fmt.count(allowance.monthlyLimit) })}
      {full ? t.noneLeft : ''}
    </p>
  );
}
