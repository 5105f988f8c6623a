import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/app-error';
import type { WalletAlertSettings } from '../../core/wallet/wallet-api';
import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';
import { lockReseller } from '../resellers/reseller-lock';
import { checkWebhookUrl } from './webhook-address';
import type { WalletDeps } from './wallet-deps';

/** A new webhook signing secret. */
function newSecret(): string {
  return `whsec_${randomBytes(24).toString('hex')}`;
}

/** The reseller's alert level and webhook (never the secret itself). */
export function getAlertSettings(deps: WalletDeps, resellerId: string): Promise<WalletAlertSettings> {
  return readAlertSettings(deps.db, resellerId);
}

async function readAlertSettings(q: Queryable, resellerId: string): Promise<WalletAlertSettings> {
  const rows = await q.query<{
    currency: string;
    alert_level: unknown;
    webhook_url: string | null;
    has_secret: boolean;
  }>(
    `SELECT r.currency, s.alert_level, s.webhook_url, s.webhook_secret IS NOT NULL AS has_secret
       FROM resellers r LEFT JOIN wallet_settings s ON s.reseller_id = r.id WHERE r.id = $1`,
    [resellerId],
  );
  const s = rows[0];
  if (!s) throw new AppError('not_found', 'no such reseller');
  return {
    currency: s.currency.trim(),
    alertLevel: s.alert_level === null || s.alert_level === undefined ? null : toMinor(s.alert_level),
    webhookUrl: s.webhook_url ?? null,
    hasWebhookSecret: s.has_secret === true,
  };
}

/**
 * Sets the alert level and webhook URL. A signing secret is made when a URL is set and none exists, or when asked to
 * rotate; only that answer carries it.
 */
export async function putAlertSettings(
  deps: WalletDeps,
  resellerId: string,
  input: { alertLevel: number | null; webhookUrl: string | null; rotateSecret: boolean },
): Promise<WalletAlertSettings> {
  if (input.webhookUrl !== null) checkWebhookUrl(input.webhookUrl);
  if (input.alertLevel !== null && input.alertLevel < 0) {
    throw new AppError('invalid_input', 'alertLevel must not be negative');
  }
  return deps.db.transaction(async (tx) => {
    await lockReseller(tx, resellerId);
    const cur = await tx.query<{ webhook_secret: string | null }>(
      'SELECT webhook_secret FROM wallet_settings WHERE reseller_id = $1',
      [resellerId],
    );
    const hasSecret = Boolean(cur[0]?.webhook_secret);
    const secret = input.rotateSecret || (input.webhookUrl !== null && !hasSecret) ? newSecret() : null;
    await tx.query(
      `INSERT INTO wallet_settings (reseller_id, alert_level, webhook_url, webhook_secret)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (reseller_id) DO UPDATE SET alert_level = EXCLUDED.alert_level,
         webhook_url = EXCLUDED.webhook_url,
         webhook_secret = coalesce(EXCLUDED.webhook_secret, wallet_settings.webhook_secret), updated_at = now()`,
      [resellerId, input.alertLevel, input.webhookUrl, secret],
    );
    const out = await readAlertSettings(tx, resellerId);
    return secret ? { ...out, webhookSecret: secret } : out;
  });
}
