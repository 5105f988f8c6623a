import type { WalletNotice } from '../../../../core/sync/protocol';
import type { Localization } from '../../../../core/i18n/catalog';
import { currentL10n } from '../../i18n/locale-store';

/**
 * A wallet notice as the clerk reads it. The central API writes each notice in English, with details only it knows
 * (a decline code, when the rule tries again): an English window shows those words. Another language gets the
 * catalog's sentence for the notice's type, filled with its figures in the window's locale.
 */
export function noticeText(
  n: Pick<WalletNotice, 'type' | 'currency' | 'balance' | 'amount' | 'message'>,
  l10n: Localization = currentL10n(),
): string {
  if (l10n.language === 'en') return n.message;
  const t = l10n.m.wallet.notices.byType;
  const money = (amount: number | null): string => l10n.fmt.money(amount ?? 0, n.currency);
  switch (n.type) {
    case 'balance_alert':
      return t.balanceAlert({ balance: money(n.balance), level: money(n.amount) });
    case 'auto_topup_succeeded':
      return t.autoTopupSucceeded({ amount: money(n.amount), balance: money(n.balance) });
    case 'auto_topup_declined':
      return t.autoTopupDeclined;
    case 'auto_topup_disabled':
      return t.autoTopupDisabled;
    case 'auto_topup_skipped':
      return t.autoTopupSkipped;
    case 'purchase_succeeded':
      return t.purchaseSucceeded({ amount: money(n.amount) });
  }
}
