import type { Package } from '../../../core/sync/protocol';
import { apiClient } from '../server/api-harness';

/** The operator key of the test central API (see terminal/support/central-api.ts). */
const OPERATOR_KEY = 'test-operator-key-0123456789abcdefghijklmnopqrstuvwxyz';

/** A reseller seeded through the operator API: its id, an enrollment code and one package. */
export interface OperatorSeed {
  readonly resellerId: string;
  readonly code: string;
  readonly pkg: Package;
}

let n = 0;

/** Creates a reseller in `currency` with credits, a package at the given prices and an enrollment code. */
export async function seedThroughOperatorApi(
  baseUrl: string,
  opts: { currency: string; credits: number; face: number; wholesale: number; retail: number },
): Promise<OperatorSeed> {
  n += 1;
  const tag = `${process.pid.toString(36)}${Date.now().toString(36)}${n}`;
  const api = apiClient(baseUrl);
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const r = await api.call<T>('POST', path, { token: OPERATOR_KEY, body });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const reseller = await post<{ id: string }>('/v1/operator/resellers', {
    name: `Shop ${opts.currency} ${tag}`,
    currency: opts.currency,
  });
  await post(`/v1/operator/resellers/${reseller.id}/credits`, { amount: opts.credits, memo: 'test credits' });
  const pkg = await post<Package>('/v1/operator/packages', {
    code: `M${tag}`.slice(0, 32),
    currency: opts.currency,
    name: `Top-up ${opts.currency} ${tag}`,
    kind: 'topup',
    faceValue: opts.face,
    wholesalePrice: opts.wholesale,
    retailPrice: opts.retail,
    validityDays: null,
  });
  const { code } = await post<{ code: string }>(`/v1/operator/resellers/${reseller.id}/enrollment-codes`, {
    floorLimits: { perSaleMax: 10_000_000, totalOfflineMax: 100_000_000, maxHoursSinceSync: 24 },
    expiresInHours: 1,
  });
  return { resellerId: reseller.id, code, pkg };
}

/** The reseller's balance as the operator API reports it. */
export async function operatorBalance(baseUrl: string, resellerId: string): Promise<number> {
  const r = await apiClient(baseUrl).call<{ balance: number }>(
    'GET',
    `/v1/operator/resellers/${resellerId}`,
    {
      token: OPERATOR_KEY,
    },
  );
  return r.body.balance;
}
