import type { AutoTopUpRule } from '../../../../core/wallet/wallet-api';

/** Why a rule does not run now, in words, or null when it runs (enabled and not paused). */
export function ruleStateText(rule: AutoTopUpRule | null, now: number): string | null {
  if (!rule) return 'No rule yet.';
  if (!rule.enabled) {
    if (rule.disabledReason === 'declined_three_times')
      return 'Off: the card was declined three times in a row.';
    if (rule.disabledReason === 'payment_method_deleted') return 'Off: the saved card was deleted.';
    return 'Off.';
  }
  if (rule.pausedUntil && Date.parse(rule.pausedUntil) > now)
    return `Paused after a decline until ${new Date(rule.pausedUntil).toLocaleTimeString()}.`;
  return null;
}
