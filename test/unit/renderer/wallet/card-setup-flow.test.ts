import { describe, expect, it } from 'vitest';
import {
  cardSetupReducer,
  isPolling,
  type CardSetupPhase,
} from '../../../../renderer/src/hooks/credit/card-setup-flow';
import { ruleStateText } from '../../../../renderer/src/hooks/credit/auto-top-up-state';
import type { AutoTopUpRule, PaymentMethod } from '../../../../core/wallet/wallet-api';
import { localization } from '../../../../core/i18n/catalog';

const SETUP = '0190a000-0000-7000-8000-000000000001';
const OTHER = '0190a000-0000-7000-8000-000000000002';
const card: PaymentMethod = {
  id: '0190a000-0000-7000-8000-0000000000aa',
  brand: 'visa',
  last4: '4242',
  expMonth: 12,
  expYear: 2030,
  createdAt: '2026-11-30T08:00:00.000Z',
};
const waiting: CardSetupPhase = { phase: 'waiting', setupId: SETUP, hostedUrl: 'http://127.0.0.1:1/psp' };

describe('adding a card through the hosted page', () => {
  it('waits while pending, then is saved with the card', () => {
    let s = cardSetupReducer({ phase: 'idle' }, { type: 'start' });
    s = cardSetupReducer(s, { type: 'opened', setupId: SETUP, hostedUrl: 'http://127.0.0.1:1/psp' });
    expect(isPolling(s)).toBe(true);
    s = cardSetupReducer(s, {
      type: 'status',
      status: { setupId: SETUP, status: 'pending', paymentMethod: null },
    });
    expect(s).toEqual(waiting);
    s = cardSetupReducer(s, {
      type: 'status',
      status: { setupId: SETUP, status: 'completed', paymentMethod: card },
    });
    expect(s).toEqual({ phase: 'saved', paymentMethod: card });
    expect(isPolling(s)).toBe(false);
  });

  it('ignores a status of another setup, and any status once cancelled', () => {
    const other = cardSetupReducer(waiting, {
      type: 'status',
      status: { setupId: OTHER, status: 'completed', paymentMethod: card },
    });
    expect(other).toEqual(waiting);
    const cancelled = cardSetupReducer(waiting, { type: 'cancel' });
    expect(cancelled).toEqual({ phase: 'cancelled' });
    expect(
      cardSetupReducer(cancelled, {
        type: 'status',
        status: { setupId: SETUP, status: 'completed', paymentMethod: card },
      }),
    ).toEqual({ phase: 'cancelled' });
  });

  it('ends when the page expired', () => {
    expect(
      cardSetupReducer(waiting, {
        type: 'status',
        status: { setupId: SETUP, status: 'expired', paymentMethod: null },
      }),
    ).toEqual({ phase: 'expired' });
  });
});

describe('the auto top-up rule state in words', () => {
  const rule: AutoTopUpRule = {
    currency: 'USD',
    threshold: 1000,
    amount: 5000,
    maxPerDay: 3,
    maxAmountPerMonth: 50_000,
    enabled: true,
    pausedUntil: null,
    consecutiveDeclines: 0,
    disabledReason: null,
    updatedAt: '2026-11-30T08:00:00.000Z',
  };
  const now = Date.parse('2026-11-30T09:00:00.000Z');

  it('says nothing when it runs, and why it does not', () => {
    expect(ruleStateText(rule, now)).toBeNull();
    expect(ruleStateText(null, now)).toBe('No rule yet.');
    expect(ruleStateText({ ...rule, enabled: false }, now)).toBe('Off.');
    expect(ruleStateText({ ...rule, enabled: false, disabledReason: 'payment_method_deleted' }, now)).toMatch(
      /card was deleted/,
    );
    expect(ruleStateText({ ...rule, enabled: false, disabledReason: 'declined_three_times' }, now)).toMatch(
      /declined three times/,
    );
    expect(ruleStateText({ ...rule, pausedUntil: '2026-11-30T09:30:00.000Z' }, now)).toMatch(/^Paused/);
    expect(ruleStateText({ ...rule, pausedUntil: '2026-11-30T08:30:00.000Z' }, now)).toBeNull();
  });

  it('says it in the window language, with the pause time as the locale writes it', () => {
    const ru = localization('ru', 'ru-RU', undefined, 'UTC');
    expect(ruleStateText(null, now, ru)).toBe(ru.m.wallet.auto.noRule);
    expect(ruleStateText({ ...rule, enabled: false, disabledReason: 'declined_three_times' }, now, ru)).toBe(
      ru.m.wallet.auto.offDeclined,
    );
    expect(ruleStateText({ ...rule, pausedUntil: '2026-11-30T09:30:00.000Z' }, now, ru)).toBe(
      ru.m.wallet.auto.pausedUntil({ time: ru.fmt.time('2026-11-30T09:30:00.000Z') }),
    );
    expect(ru.fmt.time('2026-11-30T09:30:00.000Z')).toBe('09:30:00');
  });
});
