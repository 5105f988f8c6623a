import { AppError } from '../../core/app-error';
import type { Package } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import type { Database, Queryable } from '../db/database';
import { creditBackDeactivatedPackage } from '../stock/stock-credit-back';
import { appendChangeToAllResellers, appendChanges } from '../sync/change-feed';
import { lockCatalog } from './catalog-lock';
import { PACKAGE_COLUMNS, packageFromRow, type PackageRow } from './package-row';

/** What the operator gives to create a package. */
export interface NewPackage {
  readonly code: string;
  readonly name: string;
  readonly kind: Package['kind'];
  readonly faceValue: number;
  readonly wholesalePrice: number;
  readonly retailPrice: number;
  readonly currency: string;
  readonly validityDays: number | null;
}

/** Fields the operator may change on a package. */
export type PackagePatch = Partial<Omit<NewPackage, 'code' | 'currency'>> & { readonly active?: boolean };

/** Creates a catalog package and announces it on every reseller's change feed. */
export async function createPackage(db: Database, p: NewPackage): Promise<Package> {
  return db.transaction(async (tx) => {
    await lockCatalog(tx, 'write');
    const dup = await tx.query('SELECT 1 FROM packages WHERE code = $1', [p.code]);
    if (dup.length > 0) throw new AppError('conflict', `package code ${p.code} already exists`);
    const rows = await tx.query<PackageRow>(
      `INSERT INTO packages (id, code, name, kind, face_value, wholesale_price, retail_price, currency, validity_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${PACKAGE_COLUMNS}`,
      [
        uuidv7(),
        p.code,
        p.name,
        p.kind,
        p.faceValue,
        p.wholesalePrice,
        p.retailPrice,
        p.currency,
        p.validityDays,
      ],
    );
    const pkg = packageFromRow(rows[0]!);
    await recordVersion(tx, pkg);
    await appendChangeToAllResellers(tx, { kind: 'package', data: pkg });
    return pkg;
  });
}

/**
 * Keeps every version of a package the terminals were told about: an offline sale is applied at the prices of the
 * version it was sold at, whatever the catalog says by the time it arrives.
 */
async function recordVersion(tx: Queryable, pkg: Package): Promise<void> {
  await tx.query(
    `INSERT INTO package_versions (package_id, version, face_value, wholesale_price, retail_price, currency,
                                   validity_days, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      pkg.id,
      pkg.version,
      pkg.faceValue,
      pkg.wholesalePrice,
      pkg.retailPrice,
      pkg.currency,
      pkg.validityDays,
      pkg.active,
    ],
  );
}

/**
 * Updates (or deactivates, with `active: false`) a package and announces the new state.
 *
 * Deactivating a package ends its sale for credits and its purchase as stock, not its prepaid stock (review F4), in
 * this transaction: every shop's unallocated stock of it is credited back at its purchase price (one journal entry
 * per shop, with the `stock` and `balance` changes); what terminals hold stays theirs to sell, offline too, and the
 * server honours those sales at the lots bought, since a credit-back of allocations could take back units a terminal
 * already sold offline and has not synced (the offline promise; only the terminal lowers its allocation). What a
 * terminal gives back later is credited back then. See server/stock/stock-credit-back.ts.
 */
export async function updatePackage(db: Database, id: string, patch: PackagePatch): Promise<Package> {
  return db.transaction(async (tx) => {
    await lockCatalog(tx, 'write');
    const cur = await tx.query<PackageRow>(
      `SELECT ${PACKAGE_COLUMNS} FROM packages WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!cur[0]) throw new AppError('not_found', 'no such package');
    const old = packageFromRow(cur[0]);
    const next = { ...old, ...patch };
    const rows = await tx.query<PackageRow>(
      `UPDATE packages SET name = $2, kind = $3, face_value = $4, wholesale_price = $5, retail_price = $6,
              validity_days = $7, active = $8, version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING ${PACKAGE_COLUMNS}`,
      [
        id,
        next.name,
        next.kind,
        next.faceValue,
        next.wholesalePrice,
        next.retailPrice,
        next.validityDays,
        next.active,
      ],
    );
    const pkg = packageFromRow(rows[0]!);
    await recordVersion(tx, pkg);
    // Before the catalog fan-out (which locks every feed): each shop's lock, then its feed, as every writer does.
    if (old.active && !pkg.active)
      await creditBackDeactivatedPackage(tx, pkg.id, (resellerId, changes) =>
        appendChanges(tx, resellerId, changes),
      );
    await appendChangeToAllResellers(tx, { kind: 'package', data: pkg });
    return pkg;
  });
}

/** Every package in the catalog, by code. */
export async function listPackages(db: Database): Promise<Package[]> {
  const rows = await db.query<PackageRow>(`SELECT ${PACKAGE_COLUMNS} FROM packages ORDER BY code`);
  return rows.map(packageFromRow);
}
