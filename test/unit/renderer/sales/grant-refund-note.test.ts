import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../../../core/i18n/catalog';
import { grantRefundNote } from '../../../../renderer/src/screens/sales/grant-refund-note';

describe('why a grant rules a refund out, in the window language', () => {
  const en = catalogFor('en');
  const ru = catalogFor('ru');

  it('says nothing while the grant is unknown or still refundable', () => {
    expect(grantRefundNote(null, en)).toBeNull();
    expect(grantRefundNote({ used: false, expiresAt: null, expired: false }, ru)).toBeNull();
    expect(grantRefundNote({ used: null, expiresAt: null, expired: false }, en)).toBeNull();
  });

  it('names the expired package first, then the used one, in English', () => {
    expect(grantRefundNote({ used: true, expiresAt: '2026-01-01T00:00:00Z', expired: true }, en)).toBe(
      'Expired: the package is no longer valid, so it is not refundable.',
    );
    expect(grantRefundNote({ used: true, expiresAt: null, expired: false }, en)).toBe(
      'Used: the customer has spent part of this package, so it is not refundable.',
    );
  });

  it('speaks Russian when the catalog is Russian', () => {
    const expired = grantRefundNote({ used: false, expiresAt: '2026-01-01T00:00:00Z', expired: true }, ru);
    const used = grantRefundNote({ used: true, expiresAt: null, expired: false }, ru);
    expect(expired).toMatch(/^Срок истёк/);
    expect(used).toMatch(/^Использован/);
    expect(expired).not.toBe(used);
  });
});
