/**
 * Less work per redemption and per authenticated request (issue 9's redeem benchmark), the same rules:
 * - **card_view_json is STABLE** (to_char is stable, so IMMUTABLE was wrong). A SQL function declared more
 *   immutable than its body is never inlined: it ran as a function call of its own, parsed and planned again in
 *   every statement that used it (a redemption paid that on each one). Now PostgreSQL inlines it; the JSON is the same.
 * - **lock_redeem_keys** takes the keys' advisory locks in one statement, in the same order (scope, then key).
 * - **redeem_card** (migration 0011's, replaced, same signature and outcomes): the UPDATE that activates the card
 *   returns the card as the feed carries it, and the feed entries are written from that, instead of reading the card
 *   again by `id = ANY(...)`, which a generic plan could walk through cards_series or cards_serial (every card of the
 *   reseller, for one). The PIN lookup row's removal, the grant, the journal entry with its postings and both balances
 *   are one statement. Lock order unchanged: keys, liability, card, balances, then the feed counters (owner, parent).
 * - **terminal_token_standing / customer_token_standing**: the bearer-token lookups of server/auth/authenticator.ts
 *   as plpgsql functions, whose plans each connection caches. The terminal one joins three tables and was planned on
 *   every terminal request, which cost several times its execution. They read the rows at each call, so revoking a
 *   terminal or a customer token, or suspending a reseller, still takes effect at the next request.
 */
export const sql = `
ALTER FUNCTION card_view_json(cards) STABLE;

CREATE OR REPLACE FUNCTION lock_redeem_keys(p_scopes text[], p_keys text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(d.s || ':' || d.k, 7))
     FROM (SELECT DISTINCT t.s, t.k FROM unnest(p_scopes, p_keys) AS t(s, k) ORDER BY t.s, t.k) d;
END $$;

CREATE OR REPLACE FUNCTION redeem_card(
  p_reseller_id uuid, p_account text, p_customer_id uuid, p_lock_scopes text[], p_lock_keys text[],
  p_pin_hmac bytea, p_serial text, p_grant_id uuid, p_entry_id uuid, p_priority integer,
  p_thresholds integer[], p_window_seconds integer, p_first_lock_seconds integer, p_max_lock_seconds integer,
  p_record_failure boolean,
  OUT r_outcome text, OUT r_locked_seconds integer, OUT r_customer_id uuid, OUT r_card_id uuid, OUT r_serial text,
  OUT r_amount bigint, OUT r_currency text, OUT r_activated_at timestamptz, OUT r_wallet_balance bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_wallet uuid;
  v_liability uuid;
  v_card uuid;
  v_ctid tid;
  v_series uuid;
  v_view jsonb;
  v_feed uuid;
BEGIN
  PERFORM lock_redeem_keys(p_lock_scopes, p_lock_keys);
  SELECT ceil(max(extract(epoch FROM f.locked_until - now())))::integer INTO r_locked_seconds
    FROM card_redeem_failures f JOIN unnest(p_lock_scopes, p_lock_keys) AS k(scope, key)
      ON f.scope = k.scope AND f.key = k.key
   WHERE f.locked_until > now();
  IF r_locked_seconds IS NOT NULL THEN
    r_outcome := 'locked';
    RETURN;
  END IF;

  IF p_customer_id IS NULL THEN
    SELECT c.id, c.wallet_account_id INTO r_customer_id, v_wallet
      FROM customers c WHERE c.reseller_id = p_reseller_id AND c.account_number = p_account;
  ELSE
    SELECT c.id, c.wallet_account_id INTO r_customer_id, v_wallet
      FROM customers c WHERE c.reseller_id = p_reseller_id AND c.id = p_customer_id;
  END IF;
  IF r_customer_id IS NULL THEN
    r_outcome := 'no_customer';
    RETURN;
  END IF;

  r_outcome := 'miss';
  SELECT a.id INTO v_liability FROM accounts a
   WHERE a.reseller_id = p_reseller_id AND a.kind = 'card_liability' FOR UPDATE;
  SELECT l.card_id INTO v_card FROM card_pin_lookup l WHERE l.pin_hmac = p_pin_hmac AND l.reseller_id = p_reseller_id;
  IF v_liability IS NOT NULL AND v_card IS NOT NULL THEN
    SELECT c.ctid INTO v_ctid FROM cards c WHERE c.reseller_id = p_reseller_id AND c.id = v_card;
    IF v_ctid IS NOT NULL THEN
      UPDATE cards c SET status = 'activated', activated_at = now(), customer_id = r_customer_id
       WHERE c.ctid = v_ctid AND c.reseller_id = p_reseller_id AND c.id = v_card
         AND c.status = 'new' AND c.expires_at > now() AND (p_serial IS NULL OR c.serial = p_serial)
      RETURNING c.id, c.serial, c.amount, rtrim(c.currency), c.activated_at, c.series_id, card_view_json(c)
           INTO r_card_id, r_serial, r_amount, r_currency, r_activated_at, v_series, v_view;
      IF r_card_id IS NULL THEN
        -- The row moved (a concurrent edit wrote a new version): the same conditions by key.
        UPDATE cards c SET status = 'activated', activated_at = now(), customer_id = r_customer_id
         WHERE c.reseller_id = p_reseller_id AND c.id = v_card
           AND c.status = 'new' AND c.expires_at > now() AND (p_serial IS NULL OR c.serial = p_serial)
        RETURNING c.id, c.serial, c.amount, rtrim(c.currency), c.activated_at, c.series_id, card_view_json(c)
             INTO r_card_id, r_serial, r_amount, r_currency, r_activated_at, v_series, v_view;
      END IF;
    END IF;
  END IF;
  IF r_card_id IS NULL THEN
    IF p_record_failure THEN
      PERFORM record_redeem_failure(p_lock_scopes, p_lock_keys, p_thresholds, p_window_seconds,
                                    p_first_lock_seconds, p_max_lock_seconds);
    END IF;
    RETURN;
  END IF;

  WITH gone AS (
         DELETE FROM card_pin_lookup l WHERE l.pin_hmac = p_pin_hmac AND l.card_id = r_card_id),
       granted AS (
         INSERT INTO grants (reseller_id, id, customer_id, amount, remaining, currency, priority, expires_at, source,
                             source_id)
         VALUES (p_reseller_id, p_grant_id, r_customer_id, r_amount, r_amount, r_currency, p_priority,
                 r_activated_at + make_interval(days => (SELECT s.grant_validity_days FROM card_series s
                                                          WHERE s.reseller_id = p_reseller_id AND s.id = v_series)),
                 'card', r_card_id)),
       entry AS (
         INSERT INTO journal_entries (reseller_id, id, kind, command_id, memo)
         VALUES (p_reseller_id, p_entry_id, 'card_redemption', NULL, r_serial)),
       posted AS (
         INSERT INTO postings (reseller_id, entry_id, line, account_id, amount, currency)
         VALUES (p_reseller_id, p_entry_id, 1, v_liability, -r_amount, r_currency),
                (p_reseller_id, p_entry_id, 2, v_wallet, r_amount, r_currency)),
       liability AS (
         UPDATE accounts a SET balance = a.balance - r_amount WHERE a.reseller_id = p_reseller_id AND a.id = v_liability)
  UPDATE accounts a SET balance = a.balance + r_amount WHERE a.reseller_id = p_reseller_id AND a.id = v_wallet
  RETURNING a.balance INTO r_wallet_balance;

  -- The card's new state on the feed of its owner, then of the owner's parent (append_card_changes' order).
  FOR v_feed IN SELECT p_reseller_id UNION ALL
                SELECT r.parent_id FROM resellers r WHERE r.id = p_reseller_id AND r.parent_id IS NOT NULL
  LOOP
    WITH seq AS (UPDATE change_counters SET last_seq = last_seq + 1 WHERE reseller_id = v_feed RETURNING last_seq)
    INSERT INTO changes (reseller_id, seq, kind, data)
    SELECT v_feed, seq.last_seq, 'cards', jsonb_build_object('cards', jsonb_build_array(v_view)) FROM seq;
  END LOOP;
  r_outcome := 'redeemed';
END $$;

CREATE FUNCTION terminal_token_standing(
  p_token_hash text, OUT r_reseller_id uuid, OUT r_terminal_id uuid, OUT r_revoked boolean, OUT r_active boolean)
RETURNS SETOF record LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  SELECT k.reseller_id, k.terminal_id, t.revoked_at IS NOT NULL, r.active
    FROM terminal_tokens k
    JOIN terminals t ON t.reseller_id = k.reseller_id AND t.id = k.terminal_id
    JOIN resellers r ON r.id = k.reseller_id
   WHERE k.token_hash = p_token_hash;
END $$;

CREATE FUNCTION customer_token_standing(
  p_token_hash text, OUT r_reseller_id uuid, OUT r_customer_id uuid, OUT r_revoked boolean, OUT r_expired boolean)
RETURNS SETOF record LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  SELECT k.reseller_id, k.customer_id, k.revoked_at IS NOT NULL, k.expires_at <= now()
    FROM customer_tokens k
   WHERE k.token_hash = p_token_hash;
END $$;
`;
