import type { WalletNotice } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import type { ChangeDraft } from '../sync/change-feed';

/** A `wallet_notice` change for the reseller's feed: what the wallet did, in one sentence for the clerk. */
export function walletNoticeChange(
  notice: Omit<WalletNotice, 'noticeId' | 'createdAt'>,
  nowMs: number,
): ChangeDraft {
  return {
    kind: 'wallet_notice',
    data: { noticeId: uuidv7(), createdAt: new Date(nowMs).toISOString(), ...notice },
  };
}

/** Formats minor units for a notice ("12.50 USD"). */
export function formatCredits(amount: number, currency: string): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}
