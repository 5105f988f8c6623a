import { uuidv7 } from '../../core/uuidv7';
import type { FloorLimits } from '../../core/sync/protocol';
import { E2E_OPERATOR_KEY } from './fixtures';

async function operator<T>(apiUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${E2E_OPERATOR_KEY}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : null,
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A reseller made for one test through the operator API, with credits and a one-time enrollment code. */
export interface Tenant {
  readonly resellerId: string;
  readonly code: string;
}

/** Creates a reseller (USD unless told), gives it credits and an enrollment code with the given floor limits. */
export async function createTenant(
  apiUrl: string,
  options: { credits?: number; currency?: string; floorLimits?: FloorLimits } = {},
): Promise<Tenant> {
  const reseller = await operator<{ id: string }>(apiUrl, 'POST', '/v1/operator/resellers', {
    name: `E2E shop ${uuidv7().slice(-6)}`,
    currency: options.currency ?? 'USD',
  });
  if ((options.credits ?? 100_000) > 0) {
    await operator(apiUrl, 'POST', `/v1/operator/resellers/${reseller.id}/credits`, {
      amount: options.credits ?? 100_000,
    });
  }
  const code = await operator<{ code: string }>(
    apiUrl,
    'POST',
    `/v1/operator/resellers/${reseller.id}/enrollment-codes`,
    {
      floorLimits: options.floorLimits ?? {
        perSaleMax: 5_000,
        totalOfflineMax: 20_000,
        maxHoursSinceSync: 24,
      },
    },
  );
  return { resellerId: reseller.id, code: code.code };
}

/** Creates an affiliate (sub-reseller) of `parentId` in its currency, with credits; answers its id. */
export async function createAffiliate(apiUrl: string, parentId: string, credits: number): Promise<string> {
  const reseller = await operator<{ id: string }>(apiUrl, 'POST', '/v1/operator/resellers', {
    name: `E2E affiliate ${uuidv7().slice(-6)}`,
    currency: 'USD',
    parentId,
  });
  await operator(apiUrl, 'POST', `/v1/operator/resellers/${reseller.id}/credits`, { amount: credits });
  return reseller.id;
}

/** Sets a reseller's refund bounds (cut-off and refunds per month). */
export async function setRefundPolicy(
  apiUrl: string,
  resellerId: string,
  policy: { cutoffAt: string | null; monthlyLimit: number },
): Promise<void> {
  await operator(apiUrl, 'PUT', `/v1/operator/resellers/${resellerId}/refund-policy`, policy);
}

/** The reseller's balance as the server sees it. */
export async function serverBalance(apiUrl: string, resellerId: string): Promise<number> {
  const r = await operator<{ balance: number }>(apiUrl, 'GET', `/v1/operator/resellers/${resellerId}`);
  return r.balance;
}
