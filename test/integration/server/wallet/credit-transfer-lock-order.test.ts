import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../core/uuidv7';
import { createTenant, ledgerViolations } from '../api-harness';
import { useServerProcesses, type ServerProcess } from '../server-process';
import { serverBackends } from '../server-backends';

/**
 * A transfer locks both resellers in id order, and ids are UUIDv7, so a parent's id usually sorts first. An
 * affiliate made by another API instance whose clock runs behind gets an id that sorts before its parent's: the
 * transfer must still take the credits from the parent and give them to the affiliate, whichever is locked first.
 */
describe.each(serverBackends())('credit transfer when the affiliate is locked first ($name)', (backend) => {
  // The second API instance runs an hour behind this machine.
  const env = useServerProcesses(backend, [{}, { clockBehindMs: 3_600_000 }]);

  it('moves the credits from the parent to the affiliate whose id sorts before the parent’s', async () => {
    const [onTime, behind] = env.processes as [ServerProcess, ServerProcess];
    const parent = await createTenant(onTime.api, { credits: 10_000 });
    const child = await createTenant(behind.api, { parentId: parent.resellerId });
    // The instance an hour behind made the affiliate: its id sorts first, so the transfer locks it first.
    expect(child.resellerId < parent.resellerId).toBe(true);

    const moved = await onTime.api.call('POST', '/v1/terminal/wallet/transfers', {
      token: parent.token,
      body: { transferId: uuidv7(), toResellerId: child.resellerId, amount: 2_500 },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const balanceOf = async (token: string): Promise<number> =>
      (await onTime.api.call('GET', '/v1/terminal/balance', { token })).body.balance as number;
    expect(await balanceOf(parent.token)).toBe(7_500);
    expect(await balanceOf(child.token)).toBe(2_500);
    expect(await ledgerViolations(env.db, [parent.resellerId, child.resellerId])).toEqual([]);
  });
});
