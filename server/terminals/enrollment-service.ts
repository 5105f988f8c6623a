import { recordLimitsVersion } from './terminal-limits';
import { randomInt } from 'node:crypto';
import { AppError } from '../../core/app-error';
import { RESELLER_SUSPENDED_CODE } from '../../core/terminal/terminal-block';
import type { EnrollRequest, EnrollResponse, FloorLimits } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import { hashSecret, newSecretToken } from '../auth/secret-token';
import type { Database } from '../db/database';
import { toIso } from '../db/sql-values';
import { appendChanges } from '../sync/change-feed';
import { newEnrollmentCode, newSalePrefix, normalizeEnrollmentCode } from './enrollment-code';

/** What the operator sets when creating an enrollment code. */
export interface EnrollmentCodeRequest {
  /** Name the enrolled terminal gets; when null the installer's name is used. */
  readonly terminalName: string | null;
  readonly floorLimits: FloorLimits;
  readonly expiresInHours: number;
}

/** Creates a one-time, expiring enrollment code for a reseller. Only its hash is stored. */
export async function createEnrollmentCode(
  db: Database,
  resellerId: string,
  req: EnrollmentCodeRequest,
): Promise<{ code: string; expiresAt: string }> {
  const r = await db.query('SELECT 1 FROM resellers WHERE id = $1', [resellerId]);
  if (r.length === 0) throw new AppError('not_found', 'no such reseller');
  const code = newEnrollmentCode();
  const rows = await db.query<{ expires_at: unknown }>(
    `INSERT INTO enrollment_codes (code_hash, reseller_id, terminal_name, per_sale_max, total_offline_max,
                                   max_hours_since_sync, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $7)) RETURNING expires_at`,
    [
      hashSecret(normalizeEnrollmentCode(code)),
      resellerId,
      req.terminalName ?? '',
      req.floorLimits.perSaleMax,
      req.floorLimits.totalOfflineMax,
      req.floorLimits.maxHoursSinceSync,
      req.expiresInHours,
    ],
  );
  return { code, expiresAt: toIso(rows[0]!.expires_at) };
}

/**
 * Exchanges an unused, unexpired code for a terminal and its bearer token, atomically (the code is consumed by one
 * conditional UPDATE, so two concurrent enrollments with one code cannot both succeed).
 */
export async function enrollTerminal(db: Database, req: EnrollRequest): Promise<EnrollResponse> {
  return db.transaction(async (tx) => {
    const codes = await tx.query<{
      reseller_id: string;
      terminal_name: string;
      per_sale_max: unknown;
      total_offline_max: unknown;
      max_hours_since_sync: number;
    }>(
      `UPDATE enrollment_codes SET used_at = now()
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING reseller_id, terminal_name, per_sale_max, total_offline_max, max_hours_since_sync`,
      [hashSecret(normalizeEnrollmentCode(req.code))],
    );
    const c = codes[0];
    if (!c) throw new AppError('enrollment_code_invalid', 'enrollment code is unknown, used or expired');
    const terminalId = uuidv7();
    const resellers = await tx.query<{ id: string; name: string; currency: string; active: boolean }>(
      'SELECT id, name, currency, active FROM resellers WHERE id = $1',
      [c.reseller_id],
    );
    const reseller = resellers[0]!;
    // Refused while suspended; throwing rolls the transaction back, so the code stays unused for later.
    if (!reseller.active)
      throw new AppError(RESELLER_SUSPENDED_CODE, 'This reseller is suspended; contact the operator.');
    let salePrefix = '';
    for (let attempt = 0; attempt < 20 && !salePrefix; attempt++) {
      const candidate = newSalePrefix();
      const ins = await tx.query(
        'INSERT INTO sale_prefixes (prefix, reseller_id, terminal_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING prefix',
        [candidate, c.reseller_id, terminalId],
      );
      if (ins.length === 1) salePrefix = candidate;
    }
    if (!salePrefix) throw new Error('could not allocate a unique sale prefix');
    const floorLimits: FloorLimits = {
      perSaleMax: Number(c.per_sale_max),
      totalOfflineMax: Number(c.total_offline_max),
      maxHoursSinceSync: Number(c.max_hours_since_sync),
    };
    const terminalName = c.terminal_name || req.terminalName;
    const serialPrefix = String(100 + randomInt(900));
    await tx.query(
      `INSERT INTO terminals (reseller_id, id, name, sale_prefix, serial_prefix, per_sale_max, total_offline_max,
                              max_hours_since_sync)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        c.reseller_id,
        terminalId,
        terminalName,
        salePrefix,
        serialPrefix,
        floorLimits.perSaleMax,
        floorLimits.totalOfflineMax,
        floorLimits.maxHoursSinceSync,
      ],
    );
    await tx.query(`UPDATE enrollment_codes SET terminal_id = $2 WHERE code_hash = $1`, [
      hashSecret(normalizeEnrollmentCode(req.code)),
      terminalId,
    ]);
    const token = newSecretToken();
    await tx.query('INSERT INTO terminal_tokens (token_hash, reseller_id, terminal_id) VALUES ($1, $2, $3)', [
      hashSecret(token),
      c.reseller_id,
      terminalId,
    ]);
    await recordLimitsVersion(tx, c.reseller_id, terminalId, 1, floorLimits);
    await appendChanges(tx, c.reseller_id, [
      { kind: 'terminal_settings', data: { terminalId, terminalName, floorLimits, limitsVersion: 1 } },
    ]);
    return {
      terminalId,
      token,
      terminalName,
      reseller: { id: reseller.id, name: reseller.name, currency: reseller.currency },
      salePrefix,
      serialPrefix,
      floorLimits,
      limitsVersion: 1,
    };
  });
}
