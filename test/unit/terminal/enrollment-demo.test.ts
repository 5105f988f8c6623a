import { describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../../core/contract/types/terminal';
import type { EnrollResponse } from '../../../core/sync/protocol';
import { TerminalApiClient } from '../../../main/api-client/terminal-api-client';
import { EnrollmentService } from '../../../main/terminal/enrollment-service';
import type { TerminalIdentityStore } from '../../../main/terminal/terminal-identity-store';

/** Demo enrollment and the demo lookup behind the first-run screen, on a stand-in API and an injected clock. */

const RESELLER = '3b241101-e2bb-4255-8caf-4136c566a962';
const TERMINAL = '01890a5d-ac96-774b-bcce-b302099a8057';

function setup(opts: { defaultApiUrl: string | null; demo: () => Response }) {
  let now = 1_000_000;
  let saved: { apiUrl: string; e: EnrollResponse } | null = null;
  const calls: string[] = [];
  const identity = {
    get: () =>
      saved ? ({ terminalId: saved.e.terminalId, apiUrl: saved.apiUrl } as unknown as TerminalInfo) : null,
    require: () => identity.get()!,
    save: (apiUrl: string, e: EnrollResponse) => {
      saved = { apiUrl, e };
    },
  } as unknown as TerminalIdentityStore;
  const fake = (async (url: string) => {
    calls.push(url);
    if (url.endsWith('/v1/demo')) return opts.demo();
    return new Response(
      JSON.stringify({
        terminalId: TERMINAL,
        token: 't'.repeat(40),
        terminalName: 'Demo counter',
        reseller: { id: RESELLER, name: 'Demo shop', currency: 'USD' },
        salePrefix: 'DEMO',
        serialPrefix: '101',
        floorLimits: { perSaleMax: 0, totalOfflineMax: 0, maxHoursSinceSync: 0 },
        limitsVersion: 1,
      }),
      { status: 200 },
    );
  }) as typeof fetch;
  const enrolled: TerminalInfo[] = [];
  const service = new EnrollmentService({
    identity,
    clientFor: (baseUrl) => new TerminalApiClient({ baseUrl, fetch: fake }),
    clock: () => now,
    defaultApiUrl: opts.defaultApiUrl,
    onEnrolled: (t) => enrolled.push(t),
  });
  return { service, calls, enrolled, advance: (ms: number) => (now += ms) };
}

const demoJson = (code: string | null) =>
  new Response(JSON.stringify({ resellerName: 'Demo shop', enrollmentCode: code }), { status: 200 });

describe('demo enrollment', () => {
  it('without a local demo API: no demo offered, and asking for one says so', async () => {
    const { service, calls } = setup({ defaultApiUrl: null, demo: () => demoJson('DEMO1234') });
    expect(await service.state()).toMatchObject({
      enrolled: false,
      demo: { available: false, resellerName: null },
    });
    await expect(service.enrollDemo('Front')).rejects.toMatchObject({ code: 'demo_unavailable' });
    expect(calls).toEqual([]);
  });

  it('looks the demo up at most every 30 s for the first-run screen, afresh when enrolling', async () => {
    const { service, calls, advance, enrolled } = setup({
      defaultApiUrl: 'http://127.0.0.1:7000',
      demo: () => demoJson('DEMO1234'),
    });
    expect(await service.state()).toMatchObject({ demo: { available: true, resellerName: 'Demo shop' } });
    advance(29_999);
    await service.state();
    expect(calls).toHaveLength(1);
    advance(1);
    await service.state();
    expect(calls).toHaveLength(2);
    const terminal = await service.enrollDemo('Front');
    expect(calls.slice(2)).toEqual([
      'http://127.0.0.1:7000/v1/demo',
      'http://127.0.0.1:7000/v1/terminal/enroll',
    ]);
    expect(enrolled).toEqual([terminal]);
    // Enrolled: no lookup any more, and no second enrollment.
    expect(await service.state()).toMatchObject({ enrolled: true, demo: { available: false } });
    expect(calls).toHaveLength(4);
    await expect(service.enrollDemo('Again')).rejects.toMatchObject({ code: 'already_enrolled' });
    await expect(service.enroll('http://127.0.0.1:7000', 'CODE1234', 'Again')).rejects.toMatchObject({
      code: 'already_enrolled',
    });
  });

  it('offers no demo when the API publishes no code or cannot be reached', async () => {
    const noCode = setup({ defaultApiUrl: 'http://127.0.0.1:7000', demo: () => demoJson(null) });
    expect(await noCode.service.state()).toMatchObject({ demo: { available: false, resellerName: null } });
    await expect(noCode.service.enrollDemo('Front')).rejects.toMatchObject({
      code: 'demo_unavailable',
      message: 'The central API offers no demo enrollment.',
    });
    const down = setup({
      defaultApiUrl: 'http://127.0.0.1:7000',
      demo: () => new Response('', { status: 503 }),
    });
    expect(await down.service.state()).toMatchObject({ demo: { available: false, resellerName: null } });
  });
});
