import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { fakeEnrollAndPull } from './support/local-terminal';
import { openTerminal, tempDir } from './support/terminal-harness';

/** The terminal's identity store before and after enrollment: refusals, and the blocked state it keeps. */

const opened: { services: AppServices; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.services.close().catch(() => undefined);
    rmSync(o.dir, { recursive: true, force: true });
  }
});

async function fresh(): Promise<AppServices> {
  const dir = tempDir('identity-store');
  const services = await openTerminal(dir);
  opened.push({ services, dir });
  return services;
}

describe('the terminal identity store', () => {
  it('before enrollment: no token, no address to change, nothing to block or clear', async () => {
    const { identity } = (await fresh()).terminal;
    expect(identity.get()).toBeNull();
    expect(() => identity.require()).toThrow(expect.objectContaining({ code: 'not_enrolled' }));
    expect(() => identity.requireState()).toThrow(expect.objectContaining({ code: 'not_enrolled' }));
    expect(identity.state()).toEqual({ terminal: null, block: null });
    expect(() => identity.token()).toThrow(expect.objectContaining({ code: 'not_enrolled' }));
    expect(() => identity.setApiUrl('http://127.0.0.1:2')).toThrow(
      expect.objectContaining({ code: 'not_enrolled' }),
    );
    expect(identity.setBlock('suspended', '2026-03-01T10:00:00.000Z')).toBe(false);
    expect(identity.clearBlock()).toBe(false);
    expect(identity.block()).toBeNull();
  });

  it('after enrollment: refuses a second enrollment, and keeps a block from when it was first seen', async () => {
    const services = await fresh();
    fakeEnrollAndPull(services, 1_000);
    const { identity } = services.terminal;
    const enrolled = identity.require();
    expect(() =>
      identity.save(
        'http://127.0.0.1:3',
        {
          terminalId: enrolled.terminalId,
          token: 't'.repeat(40),
          terminalName: 'Again',
          reseller: { id: enrolled.resellerId, name: 'Shop', currency: 'USD' },
          salePrefix: 'AGN1',
          serialPrefix: '102',
          floorLimits: { perSaleMax: 0, totalOfflineMax: 0, maxHoursSinceSync: 0 },
          limitsVersion: 1,
        },
        '2026-03-01T10:00:00.000Z',
      ),
    ).toThrow(expect.objectContaining({ code: 'already_enrolled' }));
    identity.setApiUrl('http://127.0.0.1:4');
    expect(identity.require().apiUrl).toBe('http://127.0.0.1:4');

    expect(identity.setBlock('suspended', '2026-03-01T10:00:00.000Z')).toBe(true);
    expect(identity.setBlock('suspended', '2026-03-01T11:00:00.000Z')).toBe(false);
    expect(identity.block()).toMatchObject({ reason: 'suspended', since: '2026-03-01T10:00:00.000Z' });
    expect(identity.requireState()).toEqual({ terminal: identity.require(), block: identity.block() });
    // A revocation replaces a suspension and stays whatever comes later.
    expect(identity.setBlock('revoked', '2026-03-01T12:00:00.000Z')).toBe(true);
    expect(identity.setBlock('suspended', '2026-03-01T13:00:00.000Z')).toBe(false);
    expect(identity.block()).toMatchObject({ reason: 'revoked', message: expect.any(String) });
    expect(identity.clearBlock()).toBe(true);
    expect(identity.clearBlock()).toBe(false);
    expect(identity.block()).toBeNull();
  });
});
