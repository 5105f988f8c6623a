/**
 * Fewer round trips per online push (issue 15, item 1).
 *
 * **lock_online_sale_group**: one round trip fewer per group of online sales. It takes the reseller's
 * credit-row lock and then reads what deciding the group needs, in one call. Before, the push sent the lock
 * (`lockReseller`) and the group's one read statement as two round trips, both under the lock.
 *
 * The reads must see what the group ahead committed (its sales, sale numbers, customers, command outcomes). They
 * cannot go in the locking statement itself: a statement's snapshot is taken when it starts, before it waits for the
 * lock, so it would miss the rows committed by the transaction it waited for. The function is VOLATILE and plpgsql,
 * so in READ COMMITTED each statement in it takes a fresh snapshot: the read statement starts after the lock was
 * granted and sees everything committed before it, as the separate statement did. The read is the same SQL as
 * before; the lock is lockReseller's (FOR UPDATE OF the credit account row). No row is returned when the reseller
 * does not exist.
 *
 * Its statements are planned at every call with the call's arrays (`force_custom_plan`), as the separate statements
 * were: plpgsql would otherwise switch to a generic plan after a few calls, and one made from the statistics of a
 * young database was measured walking every sale of the reseller (an index on reseller_id, then a filter) instead of
 * looking the sale ids and numbers up, a cost that grows with the reseller's history.
 */
export const sql = `
CREATE FUNCTION lock_online_sale_group(
  p_reseller_id uuid, p_terminal_ids uuid[], p_command_ids uuid[], p_package_ids uuid[], p_package_versions integer[],
  p_accounts text[], p_sale_ids uuid[], p_sale_numbers text[],
  OUT r_id uuid, OUT r_name text, OUT r_currency char(3), OUT r_credit_account_id uuid,
  OUT r_issuance_account_id uuid, OUT r_revenue_account_id uuid, OUT r_grant_account_id uuid, OUT r_balance bigint,
  OUT r_terminals json, OUT r_commands json, OUT r_packages json, OUT r_versions json, OUT r_customers json,
  OUT r_used json, OUT r_voided json, OUT r_alert_level text)
RETURNS SETOF record LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  SELECT r.id, r.name, r.currency, r.credit_account_id, r.issuance_account_id, r.revenue_account_id,
         r.grant_account_id, a.balance
    INTO r_id, r_name, r_currency, r_credit_account_id, r_issuance_account_id, r_revenue_account_id,
         r_grant_account_id, r_balance
    FROM resellers r JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id
   WHERE r.id = p_reseller_id FOR UPDATE OF a;
  IF NOT FOUND THEN
    RETURN;
  END IF;

  -- A new statement, so a new snapshot: taken after the lock above was granted.
  SELECT
    (SELECT coalesce(json_agg(t), '[]') FROM (
       SELECT id, sale_prefix, last_sync_at, created_at FROM terminals
        WHERE reseller_id = p_reseller_id AND id = ANY(p_terminal_ids)) t),
    (SELECT coalesce(json_agg(c), '[]') FROM (
       SELECT id, payload_hash, status, result, reason, message, offline FROM commands
        WHERE reseller_id = p_reseller_id AND id = ANY(p_command_ids)) c),
    (SELECT coalesce(json_agg(p), '[]') FROM (
       SELECT id, code, name, kind, face_value::text AS face_value, wholesale_price::text AS wholesale_price,
              retail_price::text AS retail_price, currency, validity_days, active, version, updated_at
         FROM packages WHERE id = ANY(p_package_ids)) p),
    (SELECT coalesce(json_agg(v), '[]') FROM (
       SELECT DISTINCT v.package_id, v.version, v.face_value::text AS face_value,
              v.wholesale_price::text AS wholesale_price, v.retail_price::text AS retail_price, v.currency,
              v.validity_days, v.active, n.created_at AS superseded_at
         FROM package_versions v JOIN unnest(p_package_ids, p_package_versions) AS w(package_id, version)
           ON v.package_id = w.package_id AND v.version = w.version
         LEFT JOIN package_versions n ON n.package_id = v.package_id AND n.version = v.version + 1) v),
    (SELECT coalesce(json_agg(k), '[]') FROM (
       SELECT id, account_number, wallet_account_id FROM customers
        WHERE reseller_id = p_reseller_id AND account_number = ANY(p_accounts)) k),
    (SELECT coalesce(json_agg(s), '[]') FROM (
       SELECT id, sale_number FROM sales
        WHERE reseller_id = p_reseller_id AND (id = ANY(p_sale_ids) OR sale_number = ANY(p_sale_numbers))) s),
    (SELECT coalesce(json_agg(x), '[]') FROM (
       SELECT sale_id FROM sale_voids WHERE reseller_id = p_reseller_id AND sale_id = ANY(p_sale_ids)) x),
    (SELECT alert_level::text FROM wallet_settings WHERE reseller_id = p_reseller_id)
  INTO r_terminals, r_commands, r_packages, r_versions, r_customers, r_used, r_voided, r_alert_level;
  RETURN NEXT;
END $$;
`;
