import { describe, expect, it } from 'vitest';
import { LOCKOUT_THRESHOLDS } from '../../../core/cards/redeem-lockout';
import { pushResponseSchema, type CommandOutcome, type OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import { createTenant, type TenantFixture, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

/**
 * A `card.redeem` pushed by a terminal fails like a redemption at the counter: the one generic answer while the
 * attempts are counted, then the lockout with its wait once a customer's failures reach the threshold.
 */
describe.each(serverBackends())('card.redeem failures in the push ($name)', (backend) => {
  const env = useTestServer(backend);

  const push = async (t: TenantFixture, commands: OutboxCommand[]): Promise<CommandOutcome[]> => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const redeem = (account: string, pin: string): OutboxCommand => ({
    id: uuidv7(),
    type: 'card.redeem',
    payload: { customerAccount: account, pin },
    createdAt: new Date().toISOString(),
    clerkId: null,
    offline: false,
  });

  it('answers the generic refusal, then locks the customer with the wait to retry', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const account = '+15550007777';
    const wrong = Array.from({ length: LOCKOUT_THRESHOLDS.customer }, (_, i) =>
      redeem(account, `40000000000${i}`),
    );
    const failed = await push(t, wrong);
    expect(failed).toEqual(
      wrong.map((c) => ({
        id: c.id,
        status: 'rejected',
        reason: 'card_redeem_failed',
        message: 'This card cannot be redeemed. Check the PIN (and serial) and try again.',
      })),
    );
    const [locked] = await push(t, [redeem(account, '400000000099')]);
    expect(locked).toMatchObject({ status: 'rejected', reason: 'card_redeem_locked' });
    expect((locked as { message: string }).message).toMatch(
      /^Too many failed card redemptions\. Try again in \d+ seconds\.$/,
    );
  });
});
