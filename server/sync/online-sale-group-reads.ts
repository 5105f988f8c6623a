import { commandPayloadSchemas, type OutboxCommand, type RejectReason } from '../../core/sync/protocol';
import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';
import type { SaleCreateRows } from './sale-create-decider';

/** A terminals row as the push reads it. */
export interface TerminalRow {
  readonly id: string;
  readonly sale_prefix: string;
  readonly last_sync_at: Date | string;
  readonly created_at: Date | string;
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
}

/**
 * Reads, in ONE statement (one JSON aggregate per table), what deciding a group of online sales needs after the
 * reseller's lock is taken: the pushing terminals, the stored first outcomes of the commands, `SaleCreateDecider`'s
 * loads (packages, package versions, customers, sale ids and numbers taken, voided sale ids: the same queries, for
 * every sale of the group whether already decided or not, which decides nothing differently since each command
 * only looks up its own keys), and the balance alert level. Run after the lock (its own snapshot), never with it:
 * a statement that waits for the lock keeps the snapshot it started with.
 */
export async function readOnlineSaleGroup(
  tx: Queryable,
  resellerId: string,
  terminalIds: readonly string[],
  commands: readonly { readonly id: string; readonly command: OutboxCommand }[],
): Promise<OnlineSaleGroupReads> {
  const payloads = commands.flatMap((c) => {
    const r = commandPayloadSchemas['sale.create'].safeParse(c.command.payload);
    return r.success ? [r.data] : [];
  });
  const rows = await tx.query<{
    terminals: TerminalRow[];
    commands: FirstOutcomeRow[];
    packages: SaleCreateRows['packages'];
    versions: SaleCreateRows['versions'];
    customers: SaleCreateRows['customers'];
    used: SaleCreateRows['used'];
    voided: SaleCreateRows['voided'];
    alert_level: string | null;
  }>(
    `SELECT
       (SELECT coalesce(json_agg(t), '[]') FROM (
          SELECT id, sale_prefix, last_sync_at, created_at FROM terminals
           WHERE reseller_id = $1 AND id = ANY($2::uuid[])) t) AS terminals,
       (SELECT coalesce(json_agg(c), '[]') FROM (
          SELECT id, payload_hash, status, result, reason, message, offline FROM commands
           WHERE reseller_id = $1 AND id = ANY($3::uuid[])) c) AS commands,
       (SELECT coalesce(json_agg(p), '[]') FROM (
          SELECT id, code, name, kind, face_value::text AS face_value, wholesale_price::text AS wholesale_price,
                 retail_price::text AS retail_price, currency, validity_days, active, version, updated_at
            FROM packages WHERE id = ANY($4::uuid[])) p) AS packages,
       (SELECT coalesce(json_agg(v), '[]') FROM (
          SELECT DISTINCT v.package_id, v.version, v.face_value::text AS face_value,
                 v.wholesale_price::text AS wholesale_price, v.retail_price::text AS retail_price, v.currency,
                 v.validity_days, v.active, n.created_at AS superseded_at
            FROM package_versions v JOIN unnest($4::uuid[], $5::int[]) AS w(package_id, version)
              ON v.package_id = w.package_id AND v.version = w.version
            LEFT JOIN package_versions n ON n.package_id = v.package_id AND n.version = v.version + 1) v) AS versions,
       (SELECT coalesce(json_agg(k), '[]') FROM (
          SELECT id, account_number, wallet_account_id FROM customers
           WHERE reseller_id = $1 AND account_number = ANY($6::text[])) k) AS customers,
       (SELECT coalesce(json_agg(s), '[]') FROM (
          SELECT id, sale_number FROM sales
           WHERE reseller_id = $1 AND (id = ANY($7::uuid[]) OR sale_number = ANY($8::text[]))) s) AS used,
       (SELECT coalesce(json_agg(x), '[]') FROM (
          SELECT sale_id FROM sale_voids WHERE reseller_id = $1 AND sale_id = ANY($7::uuid[])) x) AS voided,
       (SELECT alert_level::text FROM wallet_settings WHERE reseller_id = $1) AS alert_level`,
    [
      resellerId,
      terminalIds,
      [...new Set(commands.map((c) => c.id))],
      payloads.map((p) => p.packageId.toLowerCase()),
      payloads.map((p) => p.packageVersion ?? 1),
      [...new Set(payloads.map((p) => p.customerAccount))],
      payloads.map((p) => p.saleId.toLowerCase()),
      payloads.map((p) => p.saleNumber),
    ],
  );
  const r = rows[0]!;
  return {
    terminals: r.terminals,
    commands: r.commands,
    saleCreate: {
      packages: r.packages,
      versions: r.versions,
      customers: r.customers,
      used: r.used,
      voided: r.voided,
    },
    alertLevel: r.alert_level === null ? null : toMinor(r.alert_level),
  };
}
