import { commandPayloadSchemas, type OutboxCommand, type RejectReason } from '../../core/sync/protocol';
import { AppError } from '../../core/app-error';
import type { Queryable } from '../db/database';
import type { LockedReseller } from '../resellers/reseller-lock';
import { toMinor } from '../db/sql-values';
import type { SaleCreateRows } from './sale-create-decider';

/** A terminals row as the push reads it. */
export interface TerminalRow {
  readonly id: string;
  readonly sale_prefix: string;
  readonly last_sync_at: Date | string;
  readonly created_at: Date | string;
}

/** A terminal_tokens row: which terminal a pushing token belongs to, and whether that terminal was revoked. */
export interface TokenRow {
  readonly token_hash: string;
  readonly terminal_id: string;
  readonly revoked: boolean;
}

/** A commands row: the first outcome of a command. */
export interface FirstOutcomeRow {
  readonly id: string;
  readonly payload_hash: string;
  readonly status: 'applied' | 'rejected';
  readonly result: unknown;
  readonly reason: RejectReason | null;
  readonly message: string | null;
  readonly offline: boolean;
}

/** Everything a group of online sales reads under the reseller's lock, read in one statement. */
export interface OnlineSaleGroupReads {
  readonly terminals: TerminalRow[];
  readonly commands: FirstOutcomeRow[];
  /** What `SaleCreateDecider` loads, for every sale of the group (a superset of the ones it decides). */
  readonly saleCreate: SaleCreateRows;
  /** The reseller's balance alert level (null when none is set). */
  readonly alertLevel: number | null;
  /** The reseller is active (not suspended), read under the lock. */
  readonly active: boolean;
  /** The terminal_tokens rows of the reseller among the tokens asked for (`tokenHashes`), with their revocation. */
  readonly tokens: TokenRow[];
}

/** The reseller as locked, and what its group of online sales reads under the lock. */
export interface LockedOnlineSaleGroup {
  readonly reseller: LockedReseller;
  readonly reads: OnlineSaleGroupReads;
}

/** The columns of `lock_online_sale_group` this code reads. */
const GROUP_READ_COLUMNS = [
  'r_id',
  'r_name',
  'r_currency',
  'r_credit_account_id',
  'r_issuance_account_id',
  'r_revenue_account_id',
  'r_grant_account_id',
  'r_balance',
  'r_terminals',
  'r_commands',
  'r_packages',
  'r_versions',
  'r_customers',
  'r_used',
  'r_voided',
  'r_alert_level',
  'r_active',
  'r_tokens',
].join(', ');

/**
 * Locks the reseller's credit row and reads what deciding a group of online sales needs, in ONE round trip: the
 * database function `lock_online_sale_group` (migrations 0023 and 0024) takes the lock as `lockReseller` does, then reads, in
 * one more statement of its own (a fresh snapshot, taken after the lock was granted, so it sees what the group ahead
 * committed), one JSON aggregate per table: the pushing terminals, the stored first outcomes of the commands,
 * `SaleCreateDecider`'s loads (packages, package versions, customers, sale ids and numbers taken, voided sale ids: the
 * same queries, for every sale of the group whether already decided or not, which decides nothing differently since
 * each command only looks up its own keys), the balance alert level, and the standing of the pushing terminals (their
 * revocation, the reseller's suspension, and which of `tokenHashes` belong to the reseller: migration 0024). Throws
 * `not_found` for an unknown reseller.
 */
export async function lockOnlineSaleGroup(
  tx: Queryable,
  resellerId: string,
  terminalIds: readonly string[],
  commands: readonly { readonly id: string; readonly command: OutboxCommand }[],
  tokenHashes: readonly string[],
): Promise<LockedOnlineSaleGroup> {
  const payloads = commands.flatMap((c) => {
    const r = commandPayloadSchemas['sale.create'].safeParse(c.command.payload);
    return r.success ? [r.data] : [];
  });
  const rows = await tx.query<{
    r_id: string;
    r_name: string;
    r_currency: string;
    r_credit_account_id: string;
    r_issuance_account_id: string;
    r_revenue_account_id: string;
    r_grant_account_id: string;
    r_balance: unknown;
    r_terminals: TerminalRow[];
    r_commands: FirstOutcomeRow[];
    r_packages: SaleCreateRows['packages'];
    r_versions: SaleCreateRows['versions'];
    r_customers: SaleCreateRows['customers'];
    r_used: SaleCreateRows['used'];
    r_voided: SaleCreateRows['voided'];
    r_alert_level: string | null;
    r_active: boolean;
    r_tokens: TokenRow[];
  }>(
    // Columns named, not `*`: the statement is kept prepared, and a later migration that adds a column to the
    // function must not change its result (PostgreSQL refuses a cached plan whose result type changed).
    `SELECT ${GROUP_READ_COLUMNS} FROM lock_online_sale_group($1::uuid, $2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::text[], $7::uuid[], $8::text[], $9::text[])`,
    [
      resellerId,
      terminalIds,
      [...new Set(commands.map((c) => c.id))],
      payloads.map((p) => p.packageId.toLowerCase()),
      payloads.map((p) => p.packageVersion ?? 1),
      [...new Set(payloads.map((p) => p.customerAccount))],
      payloads.map((p) => p.saleId.toLowerCase()),
      payloads.map((p) => p.saleNumber),
      tokenHashes,
    ],
    { prepare: true },
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'no such reseller');
  return {
    reseller: {
      id: r.r_id,
      name: r.r_name,
      currency: r.r_currency,
      creditAccountId: r.r_credit_account_id,
      issuanceAccountId: r.r_issuance_account_id,
      revenueAccountId: r.r_revenue_account_id,
      grantAccountId: r.r_grant_account_id,
      balance: toMinor(r.r_balance),
    },
    reads: {
      terminals: r.r_terminals,
      commands: r.r_commands,
      saleCreate: {
        packages: r.r_packages,
        versions: r.r_versions,
        customers: r.r_customers,
        used: r.r_used,
        voided: r.r_voided,
      },
      alertLevel: r.r_alert_level === null ? null : toMinor(r.r_alert_level),
      active: r.r_active,
      tokens: r.r_tokens,
    },
  };
}
