import { createPackage } from '../catalog/package-service';
import { ensureCustomer } from '../customers/customer-service';
import type { Database } from '../db/database';
import { hashSecret } from '../auth/secret-token';
import { addResellerCredits, createReseller } from '../resellers/reseller-service';
import { createEnrollmentCode } from '../terminals/enrollment-service';
import { normalizeEnrollmentCode } from '../terminals/enrollment-code';
import {
  DEMO_AFFILIATE_NAME,
  DEMO_CREDITS,
  DEMO_CUSTOMERS,
  DEMO_FLOOR_LIMITS,
  DEMO_PACKAGES,
  DEMO_RESELLER_NAME,
} from './demo-catalog';

/** What the demo seeding made, for the CLI, demo.json and GET /v1/demo. */
export interface DemoInfo {
  readonly resellerId: string;
  readonly resellerName: string;
  readonly enrollmentCode: string;
}

/**
 * Creates the demo data once: a USD reseller with credits, an affiliate, the demo catalog, three customers and a
 * terminal enrollment code (kept in plain text in demo_state so the desktop app can fetch it). Later calls return
 * what the first made.
 */
export async function seedDemo(db: Database): Promise<DemoInfo> {
  const existing = await db.query<{ reseller_id: string; enrollment_code: string }>(
    'SELECT reseller_id, enrollment_code FROM demo_state WHERE id = 1',
  );
  if (existing[0]) {
    return {
      resellerId: existing[0].reseller_id,
      resellerName: DEMO_RESELLER_NAME,
      enrollmentCode: existing[0].enrollment_code,
    };
  }
  const codes = new Set((await db.query<{ code: string }>('SELECT code FROM packages')).map((r) => r.code));
  for (const p of DEMO_PACKAGES) if (!codes.has(p.code)) await createPackage(db, p);
  const found = await db.query<{ id: string }>(
    'SELECT id FROM resellers WHERE name = $1 AND parent_id IS NULL ORDER BY id LIMIT 1',
    [DEMO_RESELLER_NAME],
  );
  const resellerId =
    found[0]?.id ??
    (await createReseller(db, { name: DEMO_RESELLER_NAME, currency: 'USD', parentId: null })).id;
  const aff = await db.query('SELECT 1 FROM resellers WHERE parent_id = $1', [resellerId]);
  if (aff.length === 0)
    await createReseller(db, { name: DEMO_AFFILIATE_NAME, currency: 'USD', parentId: resellerId });
  const credits = await db.query(
    "SELECT 1 FROM journal_entries WHERE reseller_id = $1 AND kind = 'credit_purchase'",
    [resellerId],
  );
  if (credits.length === 0) await addResellerCredits(db, resellerId, DEMO_CREDITS, 'demo credits');
  await db.transaction(async (tx) => {
    for (const c of DEMO_CUSTOMERS) await ensureCustomer(tx, resellerId, c.account, c.name);
  });
  const { code } = await createEnrollmentCode(db, resellerId, {
    terminalName: null,
    floorLimits: DEMO_FLOOR_LIMITS,
    expiresInHours: 24 * 365,
  });
  await db.query(
    'INSERT INTO demo_state (id, reseller_id, enrollment_code, code_hash) VALUES (1, $1, $2, $3) ON CONFLICT DO NOTHING',
    [resellerId, code, hashSecret(normalizeEnrollmentCode(code))],
  );
  return seedDemo(db);
}

/** The demo enrollment code while it is unused and unexpired, else null. */
export async function unusedDemoCode(db: Database): Promise<DemoInfo | null> {
  const rows = await db.query<{ reseller_id: string; enrollment_code: string }>(
    `SELECT d.reseller_id, d.enrollment_code FROM demo_state d
       JOIN enrollment_codes e ON e.code_hash = d.code_hash
      WHERE d.id = 1 AND e.used_at IS NULL AND e.expires_at > now()`,
  );
  const r = rows[0];
  return r
    ? { resellerId: r.reseller_id, resellerName: DEMO_RESELLER_NAME, enrollmentCode: r.enrollment_code }
    : null;
}
