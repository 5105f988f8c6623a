import type { AppServices } from '../../../../main/app/app-services';
import type { Package } from '../../../../core/sync/protocol';
import { uuidv7 } from '../../../../core/uuidv7';

/** A token that must never appear in plain text in the data folder. */
export const FAKE_TOKEN = 'tok_FAKE-terminal-token-0123456789-abcdefghijklmnop';

/** A package for local tests (wholesale 90, retail 100). */
export function testPackage(over: Partial<Package> = {}): Package {
  return {
    id: uuidv7(),
    code: 'TOPUP1',
    name: 'Top-up 1',
    kind: 'topup',
    faceValue: 100,
    wholesalePrice: 90,
    retailPrice: 100,
    currency: 'USD',
    validityDays: null,
    active: true,
    version: 1,
    updatedAt: new Date().toISOString(),
    ...over,
  };
}

/**
 * Makes an opened terminal look enrolled and synced without a server: identity saved, then one pulled page with
 * the balance and a package, last contact offline, synced at `nowMs` (the terminal's own clock, when a test gives it
 * one: a sync stamped after the terminal's now would refuse offline sales as a clock set back). Returns the package.
 */
export function fakeEnrollAndPull(
  services: AppServices,
  balance: number,
  limits = { perSaleMax: 1_000, totalOfflineMax: 5_000, maxHoursSinceSync: 24 },
  nowMs = Date.now(),
): Package {
  const { identity, ledger } = services.terminal;
  const resellerId = uuidv7();
  identity.save(
    'http://127.0.0.1:9',
    {
      terminalId: uuidv7(),
      token: FAKE_TOKEN,
      terminalName: 'Local counter',
      reseller: { id: resellerId, name: 'Local shop', currency: 'USD' },
      salePrefix: 'LOC1',
      serialPrefix: '101',
      floorLimits: limits,
      limitsVersion: 1,
    },
    new Date(nowMs).toISOString(),
  );
  const pkg = testPackage();
  ledger.applyChanges(
    [
      { seq: '1', kind: 'balance', data: { resellerId, currency: 'USD', balance } },
      { seq: '2', kind: 'package', data: pkg },
    ],
    '2',
    false,
    ledger.ackWatermark(),
    new Date(nowMs).toISOString(),
  );
  // The fake API address is unreachable: start as offline so sales take the store-and-forward path.
  ledger.recordContact(false, 'test: offline');
  return pkg;
}
