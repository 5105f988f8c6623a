import { describe, expect, it } from 'vitest';
import { localization } from '../../../../core/i18n/catalog';
import { walletNoticeSchema, type WalletNotice } from '../../../../core/sync/protocol';
import { noticeText } from '../../../../renderer/src/screens/wallet/notice-text';

const english = localization('en', 'en-US', undefined);
const russian = localization('ru', 'ru-RU', undefined);

const notice = (type: WalletNotice['type'], amount: number | null, balance = 123_450): WalletNotice => ({
  noticeId: '3b241101-e2bb-4255-8caf-4136c566a962',
  resellerId: '3b241101-e2bb-4255-8caf-4136c566a963',
  type,
  currency: 'USD',
  balance,
  amount,
  message: `server words for ${type}`,
  createdAt: '2026-11-30T12:00:00.000Z',
});

describe('noticeText', () => {
  it('an English window shows the server’s own sentence (it names details the type does not carry)', () => {
    for (const type of walletNoticeSchema.shape.type.options)
      expect(noticeText(notice(type, 5_000), english)).toBe(`server words for ${type}`);
  });

  it('a Russian window gets a Russian sentence for every notice type, never the English one', () => {
    for (const type of walletNoticeSchema.shape.type.options) {
      const text = noticeText(notice(type, 5_000), russian);
      expect(text).toMatch(/[А-Яа-яЁё]/);
      expect(text).not.toContain('server words');
    }
  });

  it('fills the figures in the window’s locale', () => {
    const money = (n: number) => russian.fmt.money(n, 'USD');
    expect(noticeText(notice('balance_alert', 20_000, 15_000), russian)).toBe(
      russian.m.wallet.notices.byType.balanceAlert({ balance: money(15_000), level: money(20_000) }),
    );
    expect(noticeText(notice('balance_alert', 20_000, 15_000), russian)).toContain('150,00 USD');
    expect(noticeText(notice('auto_topup_succeeded', 5_000, 25_000), russian)).toContain('50,00 USD');
    expect(noticeText(notice('auto_topup_succeeded', 5_000, 25_000), russian)).toContain('250,00 USD');
    expect(noticeText(notice('purchase_succeeded', 100_000), russian)).toContain('1\u00a0000,00 USD');
  });
});
