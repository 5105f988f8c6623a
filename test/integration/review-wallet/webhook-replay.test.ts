// Review of the reseller wallet (issue 11): replaying a captured webhook past the receiver's deduplication.
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../../core/wallet/webhook-signature';

describe('REVIEW wallet: webhook replay', () => {
  it('verifying a delivery binds the event id the receiver deduplicates by to the signed body', async () => {
    const secret = 'whsec_review';
    const body = JSON.stringify({
      id: '01a22b00-0000-7000-8000-000000000001',
      type: 'wallet.balance_alert',
      createdAt: '2026-11-30T08:00:00.000Z',
      data: { balance: 10 },
    });
    const now = 1_800_000_000;
    const signature = await signWebhook(secret, body, now);
    // An attacker who captured one delivery sends it again within the 5 minutes with another Refill-Event-Id header.
    // The README tells receivers to deduplicate by that header, which the signature does not cover, and
    // verifyWebhook neither takes the header nor answers the signed id: the replay verifies and looks new.
    const replayedHeaderId = '01a22b00-0000-7000-8000-0000000000ff';
    const v = await verifyWebhook(secret, body, signature, now + 60);
    expect(v.ok).toBe(true);
    // Current code: { ok: true, timestamp } only; the receiver has nothing signed to deduplicate on but the header.
    expect((v as { eventId?: string }).eventId).toBe(JSON.parse(body).id);
    expect((v as { eventId?: string }).eventId).not.toBe(replayedHeaderId);
  });
});
