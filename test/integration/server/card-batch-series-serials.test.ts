import { describe, expect, it } from 'vitest';
import { formatSerial, parseSerial } from '../../../core/cards/card-serial';
import { mintSeriesResultSchema } from '../../../core/cards/card-schemas';
import { pushResponseSchema, type OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import { createTenant, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

/**
 * A series a terminal drew from its PIN reserve and pushed as `card.batch` is the same series the mint route answers
 * for its id: asking again for it (a lost answer) names its real first and last serial, whatever order the batch
 * listed its cards in.
 */
describe.each(serverBackends())('serials of a series pushed as card.batch ($name)', (backend) => {
  const env = useTestServer(backend);

  it('answers the lowest serial of the batch as the first one and counts the last from it', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const reserved = await env.api.call('POST', '/v1/terminal/cards/reserve', {
      token: t.token,
      body: { add: 3, prefix: '9', pinLength: 12 },
    });
    expect(reserved.status, JSON.stringify(reserved.body)).toBe(200);
    const pairs = reserved.body.pairs as { id: string; serial: string }[];
    const numbers = pairs.map((p) => parseSerial(p.serial)!.number).sort((a, b) => a - b);
    expect(numbers).toEqual([numbers[0], numbers[0]! + 1, numbers[0]! + 2]);

    const seriesId = uuidv7();
    const expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const batch: OutboxCommand = {
      id: uuidv7(),
      type: 'card.batch',
      payload: {
        seriesId,
        // Highest serial first: the series still starts at its lowest.
        cardIds: [...pairs]
          .sort((a, b) => parseSerial(b.serial)!.number - parseSerial(a.serial)!.number)
          .map((p) => p.id),
        amount: 500,
        currency: 'USD',
        expiresAt,
        grantValidityDays: null,
      },
      createdAt: new Date().toISOString(),
      clerkId: null,
      offline: false,
    };
    const pushed = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: t.token,
      body: { commands: [batch] },
    });
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect(pushResponseSchema.parse(pushed.body).outcomes[0]).toMatchObject({ status: 'applied' });

    const again = await env.api.call('POST', '/v1/terminal/cards/series', {
      token: t.token,
      body: { seriesId, amount: 500, currency: 'USD', quantity: 3, prefix: '9', pinLength: 12, expiresAt },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(mintSeriesResultSchema.parse(again.body)).toMatchObject({
      seriesId,
      quantity: 3,
      firstSerial: formatSerial('9', numbers[0]!),
      lastSerial: formatSerial('9', numbers[2]!),
      totalValue: 1_500,
    });
  });
});
