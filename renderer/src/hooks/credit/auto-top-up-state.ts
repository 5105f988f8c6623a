import type { Localization } from '../../../../core/i18n/catalog';
import type { AutoTopUpRule } from '../../../../core/wallet/wallet-api';
import { currentL10n } from '../../i18n/locale-store';

/** Why a rule does not run now, in words of `l10n` (the window's by default), or null when it runs. */
export function ruleStateText(
  rule: AutoTopUpRule | null,
  now: number,
  { m, fmt }: Pick<Localization, 'm' | 'fmt'> = currentL10n(),
): string | null {
  const t = m.wallet.auto;
  if (!rule) return t.noRule;
  if (!rule.enabled) {
    if (rule.disabledReason === 'declined_three_times') return t.offDeclined;
    if (rule.disabledReason === 'payment_method_deleted') return t.offCardDeleted;
    return t.offPlain;
  }
  if (rule.pausedUntil && Date.parse(rule.pausedUntil) > now)
    return t.pausedUntil({ time: fmt.time(rule.pausedUntil) });
  return null;
}
