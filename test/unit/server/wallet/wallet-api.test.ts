import { describe, expect, it } from 'vitest';
import { MAX_WALLET_AMOUNT, autoTopUpRuleInputSchema } from '../../../../core/wallet/wallet-api';

const input = {
  threshold: 1000,
  amount: 5000,
  maxPerDay: 2,
  maxAmountPerMonth: 12000,
  enabled: true,
};

describe('auto top-up rule input limits', () => {
  it('accepts amounts up to MAX_WALLET_AMOUNT and refuses one more', () => {
    expect(autoTopUpRuleInputSchema.safeParse({ ...input, amount: MAX_WALLET_AMOUNT }).success).toBe(true);
    expect(
      autoTopUpRuleInputSchema.safeParse({ ...input, maxAmountPerMonth: MAX_WALLET_AMOUNT }).success,
    ).toBe(true);
    expect(autoTopUpRuleInputSchema.safeParse({ ...input, amount: MAX_WALLET_AMOUNT + 1 }).success).toBe(
      false,
    );
    expect(
      autoTopUpRuleInputSchema.safeParse({ ...input, maxAmountPerMonth: MAX_WALLET_AMOUNT + 1 }).success,
    ).toBe(false);
  });

  it('accepts a threshold from 0 to MAX_WALLET_AMOUNT and refuses one outside', () => {
    expect(autoTopUpRuleInputSchema.safeParse({ ...input, threshold: 0 }).success).toBe(true);
    expect(autoTopUpRuleInputSchema.safeParse({ ...input, threshold: MAX_WALLET_AMOUNT }).success).toBe(true);
    expect(autoTopUpRuleInputSchema.safeParse({ ...input, threshold: MAX_WALLET_AMOUNT + 1 }).success).toBe(
      false,
    );
    expect(autoTopUpRuleInputSchema.safeParse({ ...input, threshold: -1 }).success).toBe(false);
  });
});
