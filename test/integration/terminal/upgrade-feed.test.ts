import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SyncReport } from '../../../core/contract/types/sync';
import { uuidv7 } from '../../../core/uuidv7';
import { createReseller, addResellerCredits } from '../../../server/resellers/reseller-service';
import { appendChangeToAllResellers } from '../../../server/sync/change-feed';
import { createEnrollmentCode } from '../../../server/terminals/enrollment-service';
import { useCentral } from './support/central-api';
import { call, openTerminal, tempDir } from './support/terminal-harness';

/**
 * Upgrade path: a central API that ran the previous release (migrations 0001-0004) has `package` changes in every
 * reseller's feed written without `version` (the previous Package shape). Migration 0005 adds the column and the
 * version tables but leaves the feed as it is, while the pull route now checks its answer against a schema that
 * requires `version`: every pull that reaches such a row answers 500, for good.
 */

const central = useCentral('review-upgrade');
const cleanup = central.cleanup;

describe('central API upgraded from the previous release', () => {
  it('package changes written by the previous release (no version) still pull: they are version 1', async () => {
    const reseller = await createReseller(central.server.db, {
      name: `Old shop ${uuidv7().slice(-6)}`,
      currency: 'USD',
      parentId: null,
    });
    await addResellerCredits(central.server.db, reseller.id, 10_000, 'credits');
    // What the previous release's createPackage did (same SQL; change-feed.ts is unchanged), followed by what
    // migration 0005 does to the row (version 1, package_versions backfill). The feed row keeps its old shape.
    const id = uuidv7();
    const code = `OLD${uuidv7().slice(-8)}`;
    await central.server.db.transaction(async (tx) => {
      const rows = await tx.query<{ updated_at: Date }>(
        `INSERT INTO packages (id, code, name, kind, face_value, wholesale_price, retail_price, currency, validity_days)
         VALUES ($1, $2, 'Old top-up', 'topup', 100, 90, 100, 'USD', NULL) RETURNING updated_at`,
        [id, code],
      );
      await tx.query(
        `INSERT INTO package_versions (package_id, version, face_value, wholesale_price, retail_price, currency,
                                       validity_days, active)
           SELECT id, version, face_value, wholesale_price, retail_price, currency, validity_days, active
             FROM packages WHERE id = $1`,
        [id],
      );
      await appendChangeToAllResellers(tx, {
        kind: 'package',
        // The previous release's Package: no `version`.
        data: {
          id,
          code,
          name: 'Old top-up',
          kind: 'topup',
          faceValue: 100,
          wholesalePrice: 90,
          retailPrice: 100,
          currency: 'USD',
          validityDays: null,
          active: true,
          updatedAt: new Date(rows[0]!.updated_at).toISOString(),
        } as never,
      });
    });

    // After the upgrade, the shop enrolls a terminal.
    const { code: enrollCode } = await createEnrollmentCode(central.server.db, reseller.id, {
      terminalName: null,
      floorLimits: { perSaleMax: 1_000, totalOfflineMax: 10_000, maxHoursSinceSync: 24 },
      expiresInHours: 1,
    });
    const dir = tempDir('review-upgrade-term');
    const s = await openTerminal(dir);
    cleanup.push(async () => {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await call(s, 'terminal.enroll', {
      apiUrl: central.server.url,
      code: enrollCode,
      terminalName: 'Counter',
    });
    const reports: SyncReport[] = [];
    for (let i = 0; i < 3; i++) reports.push(await call<SyncReport>(s, 'sync.now'));
    expect(reports.map((r) => r.error?.message ?? 'ok')).toEqual(['ok', 'ok', 'ok']);
    expect(s.terminal.ledger.syncState().lastSyncAt).not.toBeNull();
  });
});
