-- A frozen account (after a chargeback) can receive money but only the processor can take it out.
CREATE OR REPLACE FUNCTION ledger_post(
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
  v_frozen timestamptz;
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
    UPDATE ledger_accounts SET balance_cents = balance_cents + v_account.delta WHERE id = v_account.account_id
    RETURNING frozen_at INTO v_frozen;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'LEDGER_INVALID: account % does not exist', v_account.account_id USING ERRCODE = 'P0001';
    END IF;
    IF v_frozen IS NOT NULL AND v_account.delta < 0 AND p_code NOT IN ('chargeback', 'refund') THEN
      RAISE EXCEPTION 'ACCOUNT_FROZEN' USING ERRCODE = 'P0001';
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
