/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { expect } from 'vitest';
import type { CommandOutcome, OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import type { ApiClient, TenantFixture } from '../server/api-harness';

export const nextYear = (): string => new Date(Date.now() + 365 * 86_400_000).toISOString();

/** Pushes commands; answers the HTTP status and body (no assertion, so a 500 is visible to the caller). */
export async function rawPush(
  api: ApiClient,
  t: TenantFixture,
  commands: unknown[],
): Promise<{ status: number; body: any }> {
  return api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
}

/** Pushes commands and expects a 200; answers the outcomes. */
export async function push(api: ApiClient, t: TenantFixture, commands: unknown[]): Promise<CommandOutcome[]> {
  const r = await rawPush(api, t, commands);
  expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
  return r.body.outcomes as CommandOutcome[];
}

export async function reserve(api: ApiClient, t: TenantFixture, add: number, prefix = '9') {
  const r = await api.call('POST', '/v1/terminal/cards/reserve', {
    token: t.token,
    body: { add, prefix, pinLength: 12, release: [] },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.pairs as { id: string; serial: string; pin: string }[];
}

export function batchCmd(
  cardIds: string[],
  amount: number,
  claim?: OutboxCommand['offlineClaim'],
): OutboxCommand {
  return {
    id: uuidv7(),
    type: 'card.batch',
    payload: {
      seriesId: uuidv7(),
      cardIds,
      amount,
      currency: 'USD',
      expiresAt: nextYear(),
      grantValidityDays: null,
    },
    createdAt: new Date().toISOString(),
    clerkId: null,
    offline: claim !== undefined,
    ...(claim ? { offlineClaim: claim } : {}),
  };
}

export function redeemCmd(pin: string, account = '+15550004444', id = uuidv7()): OutboxCommand {
  return {
    id,
    type: 'card.redeem',
    payload: { customerAccount: account, pin },
    createdAt: new Date().toISOString(),
    clerkId: null,
    offline: false,
  };
}
