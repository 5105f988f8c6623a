import { useCallback, useState } from 'react';
import type { AutoTopUpAttempt, AutoTopUpRule, AutoTopUpRuleInput } from '../../../../core/wallet/wallet-api';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { useRemoteValue, type RemoteValue } from './use-remote-value';

/** The wallet's auto top-up rule (one per currency), its recent attempts, and `save`. */
export interface AutoTopUp {
  /** The rule of `currency`, or null when none was set yet. */
  readonly rule: RemoteValue<AutoTopUpRule | null>;
  readonly attempts: RemoteValue<readonly AutoTopUpAttempt[]>;
  readonly saving: boolean;
  readonly saveError: string | null;
  /** Sets the rule (threshold, amount, limits, enabled); answers it, or null when refused (see `saveError`). */
  save(input: AutoTopUpRuleInput): Promise<AutoTopUpRule | null>;
}

/**
 * Auto top-up for the terminal's currency: the rule with its state (paused, turned off and why) and what it did
 * recently, both stale-while-offline and read again after each sync round (a sale may have triggered a top-up).
 */
export function useAutoTopUpRule(currency: string | null): AutoTopUp {
  const readRule = useCallback(
    () =>
      call('wallet.autoTopUpRules', {}).then((rules) => rules.find((r) => r.currency === currency) ?? null),
    [currency],
  );
  const rule = useRemoteValue(readRule, true);
  const readAttempts = useCallback(() => call('wallet.autoTopUpAttempts', { limit: 10 }), []);
  const attempts = useRemoteValue(readAttempts, true);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const { reload } = rule;
  const save = useCallback(
    async (input: AutoTopUpRuleInput) => {
      setSaving(true);
      setSaveError(null);
      try {
        const saved = await call('wallet.setAutoTopUpRule', { ...input, ...(currency ? { currency } : {}) });
        reload();
        return saved;
      } catch (err) {
        setSaveError(errorText(err));
        return null;
      } finally {
        setSaving(false);
      }
    },
    [currency, reload],
  );
  return { rule, attempts, saving, saveError, save };
}
