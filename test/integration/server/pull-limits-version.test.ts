import { describe, expect, it } from 'vitest';
import { pullResponseSchema, type Change } from '../../../core/sync/protocol';
import { TEST_OPERATOR_KEY, createTenant, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

/**
 * A terminal learns from the feed which floor limits version it holds (its offline claims name it): after the
 * operator changes the limits, the pull carries the new version with the new limits.
 */
describe.each(serverBackends())('limits version on the feed ($name)', (backend) => {
  const env = useTestServer(backend);

  it('pulls each limits version the operator publishes, in order', async () => {
    const t = await createTenant(env.api);
    const floorLimits = { perSaleMax: 700, totalOfflineMax: 7_000, maxHoursSinceSync: 12 };
    const r = await env.api.call(
      'PATCH',
      `/v1/operator/resellers/${t.resellerId}/terminals/${t.terminal.terminalId}`,
      { token: TEST_OPERATOR_KEY, body: { floorLimits } },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const pull = await env.api.call('GET', '/v1/terminal/sync/pull?cursor=0&limit=1000', { token: t.token });
    expect(pull.status).toBe(200);
    const settings = pullResponseSchema
      .parse(pull.body)
      .changes.filter((c: Change) => c.kind === 'terminal_settings')
      .map((c) => c.data);
    expect(settings).toEqual([
      expect.objectContaining({ terminalId: t.terminal.terminalId, limitsVersion: 1 }),
      expect.objectContaining({ terminalId: t.terminal.terminalId, floorLimits, limitsVersion: 2 }),
    ]);
  });
});
