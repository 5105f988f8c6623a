/**
 * Redemption review fixes (the function of migration 0010 replaced):
 * - **Lockout under bursts.** The attempt's lockout keys are serialised with transaction advisory locks
 *   (`lock_redeem_keys`, in a fixed order) and a miss is counted inside the same statement
 *   (`record_redeem_failure`), so concurrent wrong PINs cannot all pass the check before any of them is counted.
 *   The thresholds and lock lengths come from core/cards/redeem-lockout.ts as parameters.
 * - **One lock order.** The reseller's card liability row is locked before the card row, as every other path that
 *   moves card value does (push batches, delete, expiry), so a redemption cannot deadlock with them.
 * - **A card edited meanwhile.** The update by row address falls back to the card's key when the row moved (a
 *   concurrent mass edit wrote a new version), instead of refusing a valid card.
 * - **The change feed.** A redeemed card's new state goes on the feed of its owner (and the owner's parent) in the
 *   same statement, so terminals' mirrors follow without a second commit. `card_view_json` is the one definition of
 *   a card as the feed carries it (core/sync/protocol.ts `cardViewSchema`), used by server/cards/card-feed.ts too.
 */
export const sql = `
CREATE FUNCTION card_view_json(c cards) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'id', c.id, 'serial', c.serial, 'seriesId', c.series_id, 'ownerId', c.reseller_id, 'amount', c.amount,
    'currency', rtrim(c.currency), 'status', c.status,
    'expiresAt', to_char(c.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'activatedAt', to_char(c.activated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'customerId', c.customer_id,
    'createdAt', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
$$;

-- A few cards' new state, one 'cards' entry on the feed of their owner and of the owner's parent.
CREATE FUNCTION append_card_changes(p_owner uuid, p_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_feed uuid;
  v_seq bigint;
BEGIN
  FOR v_feed IN SELECT p_owner UNION ALL SELECT r.parent_id FROM resellers r WHERE r.id = p_owner AND r.parent_id IS NOT NULL
  LOOP
    UPDATE change_counters SET last_seq = last_seq + 1 WHERE reseller_id = v_feed RETURNING last_seq INTO v_seq;
    INSERT INTO changes (reseller_id, seq, kind, data)
    SELECT v_feed, v_seq, 'cards', jsonb_build_object('cards', jsonb_agg(card_view_json(c) ORDER BY c.serial))
      FROM cards c WHERE c.reseller_id = p_owner AND c.id = ANY(p_ids);
  END LOOP;
END $$;

CREATE FUNCTION lock_redeem_keys(p_scopes text[], p_keys text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT DISTINCT t.s, t.k FROM unnest(p_scopes, p_keys) AS t(s, k) ORDER BY t.s, t.k LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(r.s || ':' || r.k, 7));
  END LOOP;
END $$;

CREATE FUNCTION record_redeem_failure(
  p_scopes text[], p_keys text[], p_thresholds integer[], p_window_seconds integer, p_first_lock_seconds integer,
  p_max_lock_seconds integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO card_redeem_failures AS f (scope, key, failures, window_started_at)
  SELECT t.s, t.k, 1, now() FROM unnest(p_scopes, p_keys) AS t(s, k)
  ON CONFLICT (scope, key) DO UPDATE SET
    failures = CASE WHEN f.window_started_at < now() - make_interval(secs => p_window_seconds)
                     AND (f.locked_until IS NULL OR f.locked_until < now())
                    THEN 1 ELSE f.failures + 1 END,
    window_started_at = CASE WHEN f.window_started_at < now() - make_interval(secs => p_window_seconds)
                     AND (f.locked_until IS NULL OR f.locked_until < now())
                    THEN now() ELSE f.window_started_at END;
  UPDATE card_redeem_failures f
     SET locked_until = now() + make_interval(secs => least(p_max_lock_seconds,
                          p_first_lock_seconds * power(2, least(f.failures - t.threshold, 16))::integer))
    FROM unnest(p_scopes, p_keys, p_thresholds) AS t(s, k, threshold)
   WHERE f.scope = t.s AND f.key = t.k AND f.failures >= t.threshold;
END $$;

DROP FUNCTION redeem_card(uuid, text, uuid, text[], text[], bytea, text, uuid, uuid, integer);

CREATE FUNCTION redeem_card(
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
  v_validity integer;
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
      RETURNING c.id, c.serial, c.amount, rtrim(c.currency), c.activated_at, c.series_id
           INTO r_card_id, r_serial, r_amount, r_currency, r_activated_at, v_series;
      IF r_card_id IS NULL THEN
        -- The row moved (a concurrent edit wrote a new version): the same conditions by key.
        UPDATE cards c SET status = 'activated', activated_at = now(), customer_id = r_customer_id
         WHERE c.reseller_id = p_reseller_id AND c.id = v_card
           AND c.status = 'new' AND c.expires_at > now() AND (p_serial IS NULL OR c.serial = p_serial)
        RETURNING c.id, c.serial, c.amount, rtrim(c.currency), c.activated_at, c.series_id
             INTO r_card_id, r_serial, r_amount, r_currency, r_activated_at, v_series;
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

  DELETE FROM card_pin_lookup l WHERE l.pin_hmac = p_pin_hmac AND l.card_id = r_card_id;
  SELECT s.grant_validity_days INTO v_validity
    FROM card_series s WHERE s.reseller_id = p_reseller_id AND s.id = v_series;
  INSERT INTO grants (reseller_id, id, customer_id, amount, remaining, currency, priority, expires_at, source, source_id)
  VALUES (p_reseller_id, p_grant_id, r_customer_id, r_amount, r_amount, r_currency, p_priority,
          r_activated_at + make_interval(days => v_validity), 'card', r_card_id);
  INSERT INTO journal_entries (reseller_id, id, kind, command_id, memo)
  VALUES (p_reseller_id, p_entry_id, 'card_redemption', NULL, r_serial);
  INSERT INTO postings (reseller_id, entry_id, line, account_id, amount, currency)
  VALUES (p_reseller_id, p_entry_id, 1, v_liability, -r_amount, r_currency),
         (p_reseller_id, p_entry_id, 2, v_wallet, r_amount, r_currency);
  UPDATE accounts a SET balance = a.balance - r_amount WHERE a.reseller_id = p_reseller_id AND a.id = v_liability;
  UPDATE accounts a SET balance = a.balance + r_amount WHERE a.reseller_id = p_reseller_id AND a.id = v_wallet
  RETURNING a.balance INTO r_wallet_balance;
  PERFORM append_card_changes(p_reseller_id, ARRAY[r_card_id]);
  r_outcome := 'redeemed';
END $$;
`;
