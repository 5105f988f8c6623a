/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { LOCKOUT_THRESHOLDS } from '../../../core/cards/redeem-lockout';
import { createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from '../cards/card-harness';

const keys = useTestCardKeys();

/**
 * The lockout is check-then-count: `redeem_card` reads the lock, and the failure is recorded by a later statement.
 * Concurrent guesses all pass the check before any failure is counted, so a terminal gets many more guesses than its
 * threshold in one burst (the enrollment route counts up front for exactly this reason).
 */
describe.each(serverBackends())('redemption lockout under a burst ($name)', (backend) => {
  const env = useTestServer(backend);

  it('a burst of wrong PINs from one terminal gets no more evaluated guesses than the terminal threshold', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    await mintWithPins(env.api, env.db, keys, t.resellerId, { amount: 100, quantity: 1 });
    const N = 80;
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        env.api.call('POST', '/v1/terminal/cards/redeem', {
          token: t.token,
          // A different account each time, so only the terminal (10) and address (20) counters apply.
          body: {
            customerAccount: `+1555123${String(i).padStart(4, '0')}`,
            pin: `9${String(i).padStart(11, '0')}`,
          },
        }),
      ),
    );
    const evaluated = answers.filter((r) => r.body?.code === 'card_redeem_failed').length;
    const locked = answers.filter((r) => r.body?.code === 'card_redeem_locked').length;
    expect(evaluated + locked).toBe(N);
    const counter = await env.db.query<any>(
      "SELECT failures FROM card_redeem_failures WHERE scope = 'terminal' AND key = $1",
      [`${t.resellerId}:${t.terminal.terminalId}`],
    );
    // Sequentially: 10 evaluated guesses, then locked.
    expect({ evaluated, counted: counter[0]?.failures }).toEqual({
      evaluated: LOCKOUT_THRESHOLDS.terminal,
      counted: LOCKOUT_THRESHOLDS.terminal,
    });
  });
});
