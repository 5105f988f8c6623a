import { AppError } from '../../core/app-error';
import { uuidv7 } from '../../core/uuidv7';
import type { CreditPackage } from '../../core/wallet/wallet-api';
import type { Database } from '../db/database';
import { toMinor } from '../db/sql-values';

/** What the operator sets on a credit package. */
export interface CreditPackageInput {
  readonly name: string;
  readonly credits: number;
  readonly price: number;
  readonly currency: string;
  readonly active: boolean;
}

const COLUMNS = 'id, name, credits, price, currency, active';

function packageFromRow(r: {
  id: string;
  name: string;
  credits: unknown;
  price: unknown;
  currency: string;
  active: boolean;
}): CreditPackage {
  return {
    id: r.id,
    name: r.name,
    credits: toMinor(r.credits),
    price: toMinor(r.price),
    currency: r.currency.trim(),
    active: r.active,
  };
}

/** Creates an operator credit package. */
export async function createCreditPackage(db: Database, input: CreditPackageInput): Promise<CreditPackage> {
  const rows = await db.query<Parameters<typeof packageFromRow>[0]>(
    `INSERT INTO credit_packages (id, name, credits, price, currency, active) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${COLUMNS}`,
    [uuidv7(), input.name, input.credits, input.price, input.currency, input.active],
  );
  return packageFromRow(rows[0]!);
}

/** Changes an operator credit package (purchases already made keep what they bought). */
export async function updateCreditPackage(
  db: Database,
  id: string,
  input: CreditPackageInput,
): Promise<CreditPackage> {
  const rows = await db.query<Parameters<typeof packageFromRow>[0]>(
    `UPDATE credit_packages SET name = $2, credits = $3, price = $4, currency = $5, active = $6, updated_at = now()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id.toLowerCase(), input.name, input.credits, input.price, input.currency, input.active],
  );
  if (!rows[0]) throw new AppError('not_found', 'no such credit package');
  return packageFromRow(rows[0]);
}

/** Every credit package (operator), or only the active ones of a currency (a reseller's wallet). */
export async function listCreditPackages(
  db: Database,
  filter: { activeCurrency?: string } = {},
): Promise<CreditPackage[]> {
  const rows = filter.activeCurrency
    ? await db.query<Parameters<typeof packageFromRow>[0]>(
        `SELECT ${COLUMNS} FROM credit_packages WHERE active AND currency = $1 ORDER BY price, id`,
        [filter.activeCurrency],
      )
    : await db.query<Parameters<typeof packageFromRow>[0]>(
        `SELECT ${COLUMNS} FROM credit_packages ORDER BY created_at, id`,
      );
  return rows.map(packageFromRow);
}
