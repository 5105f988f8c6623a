import type { RedemptionItem } from '../../../../core/contract/types/cards';
import { on } from '../../contract/contract-client';
import { moneyText } from '../../format/money-text';
import { currentL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';

let listening = false;
/** Redemptions whose outcome the Redeem screen already showed (answered at once): no toast for them. */
const shownAtCounter = new Set<string>();

/** The Redeem screen showed this attempt's outcome itself (its settled event needs no toast). */
export function markShownAtCounter(redemptionId: string): void {
  shownAtCounter.add(redemptionId.toLowerCase());
  if (shownAtCounter.size > 500) shownAtCounter.delete(shownAtCounter.values().next().value!);
}

/** What the clerk is told when a queued redemption got its result. */
export function settledText(item: RedemptionItem): string {
  const t = currentL10n().m.redeem.settled;
  const account = item.customerAccount;
  if (item.state === 'redeemed') {
    const amount = moneyText(item.amount, item.currency);
    return item.serial
      ? t.redeemedCard({ account, amount, serial: item.serial })
      : t.redeemed({ account, amount });
  }
  const why = (item.message ?? t.defaultWhy).replace(/\.+$/, '');
  return t.notRedeemed({ account, why });
}

/**
 * Toasts every settled queued redemption (`cards.redemptionSettled`), on whichever screen the clerk is: started once
 * per window, the first time the Redeem screen is shown.
 */
export function listenForSettledRedemptions(): void {
  if (listening) return;
  listening = true;
  on('cards.redemptionSettled', (item) => {
    if (shownAtCounter.has(item.id.toLowerCase())) return;
    useAppStore.getState().toast(item.state === 'redeemed' ? 'ok' : 'bad', settledText(item));
  });
}
