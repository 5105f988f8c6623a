import type { Package } from '../../core/sync/protocol';
import { toIso, toMinor } from '../db/sql-values';

/** The packages columns every query selects. */
export const PACKAGE_COLUMNS =
  'id, code, name, kind, face_value, wholesale_price, retail_price, currency, validity_days, active, version, updated_at';

/** A packages row as the database returns it. */
export interface PackageRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  face_value: unknown;
  wholesale_price: unknown;
  retail_price: unknown;
  currency: string;
  validity_days: number | null;
  active: boolean;
  version: number;
  updated_at: unknown;
}

/** Converts a packages row to the protocol's Package. */
export function packageFromRow(r: PackageRow): Package {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as Package['kind'],
    faceValue: toMinor(r.face_value),
    wholesalePrice: toMinor(r.wholesale_price),
    retailPrice: toMinor(r.retail_price),
    currency: r.currency,
    validityDays: r.validity_days === null ? null : Number(r.validity_days),
    active: r.active,
    version: Number(r.version),
    updatedAt: toIso(r.updated_at),
  };
}
