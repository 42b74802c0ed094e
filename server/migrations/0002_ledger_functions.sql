-- Ledger guarantees held by the database itself, not only by code.

-- Transfers and entries are immutable: corrections are new, reversing transfers.
CREATE FUNCTION ledger_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'LEDGER_IMMUTABLE: % on % is not allowed', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_forbid_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_forbid_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transfers_immutable BEFORE UPDATE OR DELETE ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_forbid_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transfers_no_truncate BEFORE TRUNCATE ON ledger_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_forbid_change();
--> statement-breakpoint
-- The house accounts and their shards exist from the start.
INSERT INTO ledger_accounts (kind, shard)
SELECT kind, shard
FROM unnest(ARRAY['holds', 'platform_revenue', 'payment_clearing', 'payouts_in_transit', 'promotions',
                  'chargeback_receivable']) AS kind,
     generate_series(0, 15) AS shard;
--> statement-breakpoint
-- Posts one transfer in one round trip: records the idempotency key first (a repeated key returns
-- the first transfer and moves nothing; a concurrent duplicate waits for the first to commit),
-- checks that the entries sum to zero, updates each account once in ascending id order (no
-- deadlocks), lets the non-negative CHECK refuse overdrafts, enforces spending limits on a
-- client's spend, and inserts the entries.
CREATE FUNCTION ledger_post(
  p_idempotency_key text,
  p_code text,
  p_references jsonb,
  p_account_ids bigint[],
  p_amounts bigint[],
  p_spend_account_id bigint,
  p_spend_cents bigint,
  p_spend_day date,
  p_now timestamptz
) RETURNS TABLE (transfer_id uuid, created boolean) LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid;
  v_account record;
BEGIN
  IF array_length(p_account_ids, 1) IS NULL OR array_length(p_account_ids, 1) < 2
     OR array_length(p_account_ids, 1) <> array_length(p_amounts, 1) THEN
    RAISE EXCEPTION 'LEDGER_INVALID: a transfer needs two or more entries' USING ERRCODE = 'P0001';
  END IF;
  IF (SELECT sum(a) FROM unnest(p_amounts) AS a) <> 0 OR EXISTS (SELECT 1 FROM unnest(p_amounts) AS a WHERE a = 0) THEN
    RAISE EXCEPTION 'LEDGER_INVALID: entries must be non-zero and sum to zero' USING ERRCODE = 'P0001';
  END IF;

  INSERT INTO ledger_transfers (idempotency_key, code, "references", created_at)
  VALUES (p_idempotency_key, p_code, coalesce(p_references, '{}'::jsonb), p_now)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    RETURN QUERY SELECT t.id, false FROM ledger_transfers t WHERE t.idempotency_key = p_idempotency_key;
    RETURN;
  END IF;

  FOR v_account IN
    SELECT e.account_id, sum(e.amount) AS delta
    FROM unnest(p_account_ids, p_amounts) AS e(account_id, amount)
    GROUP BY e.account_id
    ORDER BY e.account_id
  LOOP
    UPDATE ledger_accounts SET balance_cents = balance_cents + v_account.delta WHERE id = v_account.account_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'LEDGER_INVALID: account % does not exist', v_account.account_id USING ERRCODE = 'P0001';
    END IF;
  END LOOP;

  IF p_spend_account_id IS NOT NULL AND p_spend_cents <> 0 THEN
    PERFORM ledger_record_spend(p_spend_account_id, p_spend_cents, p_spend_day, p_now);
  END IF;

  INSERT INTO ledger_entries (transfer_id, account_id, amount_cents, code, created_at)
  SELECT v_id, e.account_id, e.amount, p_code, p_now
  FROM unnest(p_account_ids, p_amounts) AS e(account_id, amount);

  RETURN QUERY SELECT v_id, true;
END;
$$;
--> statement-breakpoint
-- Adds a client's spend to its day and refuses it when a daily (today), weekly (last 7 days) or
-- monthly (last 30 days) limit would be passed. A negative amount (a released hold) gives back
-- what was counted on the hold's day. Called after the wallet row is locked by its update, so
-- concurrent spends of one wallet are checked one after another.
CREATE FUNCTION ledger_record_spend(p_account_id bigint, p_cents bigint, p_day date, p_now timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_user text;
  v_limit record;
  v_spent bigint;
BEGIN
  INSERT INTO ledger_daily_spend (account_id, day, spent_cents)
  VALUES (p_account_id, p_day::text, greatest(p_cents, 0))
  ON CONFLICT (account_id, day) DO UPDATE SET spent_cents = greatest(ledger_daily_spend.spent_cents + p_cents, 0);
  IF p_cents < 0 THEN
    RETURN;
  END IF;
  SELECT owner_user_id INTO v_user FROM ledger_accounts WHERE id = p_account_id;
  FOR v_limit IN
    SELECT period,
           CASE WHEN pending_effective_at IS NOT NULL AND pending_effective_at <= p_now
                THEN pending_limit_cents ELSE limit_cents END AS effective_cents
    FROM spending_limits WHERE user_id = v_user
  LOOP
    CONTINUE WHEN v_limit.effective_cents IS NULL;
    SELECT coalesce(sum(spent_cents), 0) INTO v_spent
    FROM ledger_daily_spend
    WHERE account_id = p_account_id
      AND day::date > (p_now AT TIME ZONE 'UTC')::date - CASE v_limit.period WHEN 'daily' THEN 1 WHEN 'weekly' THEN 7 ELSE 30 END;
    IF v_spent > v_limit.effective_cents THEN
      RAISE EXCEPTION 'SPENDING_LIMIT_REACHED:%', v_limit.period USING ERRCODE = 'P0001';
    END IF;
  END LOOP;
END;
$$;
