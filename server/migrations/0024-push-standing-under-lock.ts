/**
 * One round trip fewer per online push (issue 15, item 1): the terminal's standing is read under the reseller's lock,
 * with the group's other reads, instead of in a request of its own before the push.
 *
 * A push used to start with `terminal_token_standing` (migration 0022): the token, its terminal's revocation and its
 * reseller's suspension, one round trip per request, then the group's four (BEGIN, lock and reads, writes, COMMIT).
 * A token's terminal never changes (terminal_tokens rows are only ever inserted), so the API remembers which terminal
 * a token it has already seen belongs to, and the push then reads only the standing, here:
 *
 * - `p_token_hashes`: the SHA-256 of the pushing tokens whose standing the group has yet to read. `r_tokens` is the
 *   terminal_tokens rows among them that belong to the reseller, each with its terminal's revocation (a token that is
 *   not there is refused).
 * - `r_active` is the reseller's `active` (false while suspended).
 *
 * This is an overload with one more argument and two more OUT columns. It calls the eight-argument function of
 * migration 0023 for the lock and the reads (that one stays as it is, also for a server of the previous version still
 * running during a rolling deploy), then reads the standing in one more statement of its own. That statement's
 * snapshot is taken after the lock was granted: a revocation or a suspension committed before the group took the
 * lock is always seen, where the separate check, read before the lock was even asked for, could let through a push
 * that was waiting for the lock while its terminal was revoked (revocation takes the same lock).
 */
export const sql = `
CREATE FUNCTION lock_online_sale_group(
  p_reseller_id uuid, p_terminal_ids uuid[], p_command_ids uuid[], p_package_ids uuid[], p_package_versions integer[],
  p_accounts text[], p_sale_ids uuid[], p_sale_numbers text[], p_token_hashes text[],
  OUT r_id uuid, OUT r_name text, OUT r_currency char(3), OUT r_credit_account_id uuid,
  OUT r_issuance_account_id uuid, OUT r_revenue_account_id uuid, OUT r_grant_account_id uuid, OUT r_balance bigint,
  OUT r_terminals json, OUT r_commands json, OUT r_packages json, OUT r_versions json, OUT r_customers json,
  OUT r_used json, OUT r_voided json, OUT r_alert_level text, OUT r_active boolean, OUT r_tokens json)
RETURNS SETOF record LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  SELECT * INTO r_id, r_name, r_currency, r_credit_account_id, r_issuance_account_id, r_revenue_account_id,
         r_grant_account_id, r_balance, r_terminals, r_commands, r_packages, r_versions, r_customers, r_used,
         r_voided, r_alert_level
    FROM lock_online_sale_group(p_reseller_id, p_terminal_ids, p_command_ids, p_package_ids, p_package_versions,
                                p_accounts, p_sale_ids, p_sale_numbers);
  IF NOT FOUND THEN
    RETURN;
  END IF;

  -- A new statement, so a new snapshot: taken after the lock above was granted.
  SELECT
    (SELECT active FROM resellers WHERE id = p_reseller_id),
    (SELECT coalesce(json_agg(k), '[]') FROM (
       SELECT k.token_hash, k.terminal_id, t.revoked_at IS NOT NULL AS revoked
         FROM terminal_tokens k JOIN terminals t ON t.reseller_id = k.reseller_id AND t.id = k.terminal_id
        WHERE k.reseller_id = p_reseller_id AND k.token_hash = ANY(p_token_hashes)) k)
  INTO r_active, r_tokens;
  RETURN NEXT;
END $$;
`;
