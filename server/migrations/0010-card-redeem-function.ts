/**
 * Card redemption as one database function (server/cards/card-redemption.ts calls it), so the hot path is one short
 * statement whose plans the session caches, rather than a long statement parsed and planned on every redemption.
 *
 * `redeem_card` refuses while any of the attempt's lockout keys is locked (answering the wait, before any card is
 * looked up), finds the customer (by account number, or by id when `p_customer_id` is set) and the reseller's card
 * liability account, then activates the card of the PIN's lookup row with one conditional UPDATE (new, not expired,
 * the scanned serial if given) and, only when that activated it, removes the lookup row, grants the value to the
 * customer's wallet and posts the journal entry from the liability. Outcome: 'locked', 'no_customer' (the caller
 * creates the customer and calls again in one transaction), 'miss' (nothing changed) or 'redeemed'. The caller
 * counts failures.
 *
 * Concurrent attempts on one card queue on its row; READ COMMITTED re-checks `status = 'new'` on the newest version
 * for those that waited, so only one activates it. The card row is updated by its ctid (read just before): a TID
 * scan, which no plan beats, whereas by key PostgreSQL may walk the cards_due index while its statistics have not
 * seen a freshly minted series. A card changed between the two reads is not visible at that ctid any more (or is
 * re-checked there), so it is activated at most once.
 */
export const sql = `
CREATE FUNCTION redeem_card(
  p_reseller_id uuid, p_account text, p_customer_id uuid, p_lock_scopes text[], p_lock_keys text[],
  p_pin_hmac bytea, p_serial text, p_grant_id uuid, p_entry_id uuid, p_priority integer,
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
  SELECT a.id INTO v_liability FROM accounts a WHERE a.reseller_id = p_reseller_id AND a.kind = 'card_liability';
  IF v_liability IS NULL THEN
    RETURN; -- this reseller never minted a card
  END IF;
  SELECT l.card_id INTO v_card FROM card_pin_lookup l WHERE l.pin_hmac = p_pin_hmac AND l.reseller_id = p_reseller_id;
  SELECT c.ctid INTO v_ctid FROM cards c WHERE c.reseller_id = p_reseller_id AND c.id = v_card;
  IF v_ctid IS NULL THEN
    RETURN;
  END IF;
  UPDATE cards c SET status = 'activated', activated_at = now(), customer_id = r_customer_id
   WHERE c.ctid = v_ctid AND c.reseller_id = p_reseller_id AND c.id = v_card
     AND c.status = 'new' AND c.expires_at > now() AND (p_serial IS NULL OR c.serial = p_serial)
  RETURNING c.id, c.serial, c.amount, rtrim(c.currency), c.activated_at, c.series_id
       INTO r_card_id, r_serial, r_amount, r_currency, r_activated_at, v_series;
  IF r_card_id IS NULL THEN
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
  r_outcome := 'redeemed';
END $$;
`;
