-- The spend of many new transfers, as `ledger_record_spend` called for each in order (see
-- 0002_ledger_functions.sql). Called with every spend account locked. An account with one spend here
-- (the common case) is recorded and checked set-based; one with several goes through
-- ledger_record_spend in transfer order.
CREATE FUNCTION ledger_post_many_spend(
  p_ids uuid[], p_accounts bigint[], p_cents bigint[], p_days date[], p_nows timestamptz[]
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_ns integer[];
  v_accounts bigint[];
  v_cents bigint[];
  v_days date[];
  v_nows timestamptz[];
  v_single boolean[];
  v_period text;
  v_spend record;
BEGIN
  SELECT array_agg(s.n ORDER BY s.n), array_agg(s.account_id ORDER BY s.n), array_agg(s.cents ORDER BY s.n),
         array_agg(s.day ORDER BY s.n), array_agg(s.now ORDER BY s.n), array_agg(s.per_account = 1 ORDER BY s.n)
  INTO v_ns, v_accounts, v_cents, v_days, v_nows, v_single
  FROM (
    SELECT u.n::integer AS n, u.account_id, u.cents, u.day, u.now,
           count(*) OVER (PARTITION BY u.account_id) AS per_account
    FROM unnest(p_ids, p_accounts, p_cents, p_days, p_nows) WITH ORDINALITY AS u(id, account_id, cents, day, now, n)
    WHERE u.id IS NOT NULL AND u.account_id IS NOT NULL AND u.cents <> 0
  ) s;
  IF v_ns IS NULL THEN
    RETURN;
  END IF;

  -- One spend per account: a day row is added to (never below zero) or created (at no less than zero).
  INSERT INTO ledger_daily_spend (account_id, day, spent_cents)
  SELECT s.account_id, s.day::text, s.cents
  FROM unnest(v_accounts, v_cents, v_days, v_single) AS s(account_id, cents, day, single)
  WHERE s.single
  ORDER BY s.account_id
  ON CONFLICT (account_id, day) DO UPDATE
    SET spent_cents = greatest(ledger_daily_spend.spent_cents + excluded.spent_cents, 0);
  IF EXISTS (SELECT 1 FROM unnest(v_cents, v_single) AS s(cents, single) WHERE s.single AND s.cents < 0) THEN
    UPDATE ledger_daily_spend d SET spent_cents = 0
    FROM unnest(v_accounts, v_cents, v_days, v_single) AS s(account_id, cents, day, single)
    WHERE s.single AND s.cents < 0 AND d.account_id = s.account_id AND d.day = s.day::text AND d.spent_cents < 0;
  END IF;
  SELECT l.period INTO v_period
  FROM unnest(v_ns, v_accounts, v_cents, v_nows, v_single) AS s(n, account_id, cents, now, single)
  JOIN ledger_accounts a ON a.id = s.account_id
  JOIN spending_limits l ON l.user_id = a.owner_user_id
  CROSS JOIN LATERAL (
    SELECT CASE WHEN l.pending_effective_at IS NOT NULL AND l.pending_effective_at <= s.now
                THEN l.pending_limit_cents ELSE l.limit_cents END AS cents
  ) effective
  WHERE s.single AND s.cents > 0 AND effective.cents IS NOT NULL
    AND (SELECT coalesce(sum(d.spent_cents), 0) FROM ledger_daily_spend d
         WHERE d.account_id = s.account_id
           AND d.day::date > (s.now AT TIME ZONE 'UTC')::date
                             - CASE l.period WHEN 'daily' THEN 1 WHEN 'weekly' THEN 7 ELSE 30 END) > effective.cents
  ORDER BY s.n
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'SPENDING_LIMIT_REACHED:%', v_period USING ERRCODE = 'P0001';
  END IF;

  FOR v_spend IN
    SELECT s.account_id, s.cents, s.day, s.now
    FROM unnest(v_ns, v_accounts, v_cents, v_days, v_nows, v_single) AS s(n, account_id, cents, day, now, single)
    WHERE NOT s.single
    ORDER BY s.n
  LOOP
    PERFORM ledger_record_spend(v_spend.account_id, v_spend.cents, v_spend.day, v_spend.now);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- Posts many transfers in a few set statements, with the result of calling `ledger_post` for each in
-- order (same checks, balances, entries and spend), all or nothing: any refusal fails the whole call.
-- Input: a JSON array of {idempotency_key, code, refs, account_ids, amounts, spend_account_id,
-- spend_cents, spend_day, now}. Returns each transfer's 1-based ordinal, its id and whether this call
-- created it (a repeated key, also one repeated within the call, returns the first transfer and moves
-- nothing). Locks: the new keys in key order, then every account at once in id order (the lock an
-- UPDATE takes), as `ledger_post` takes its key first and then its accounts in id order, so callers
-- of either never deadlock on each other.
CREATE FUNCTION ledger_post_many(p_transfers jsonb)
RETURNS TABLE (ordinal integer, transfer_id uuid, created boolean) LANGUAGE plpgsql AS $$
DECLARE
  v_keys text[];
  v_codes text[];
  v_refs jsonb[];
  v_nows timestamptz[];
  v_spend_accounts bigint[];
  v_spend_cents bigint[];
  v_spend_days date[];
  v_problems text[];
  v_bad_n integer;
  v_entry_ordinals integer[];
  v_entry_accounts bigint[];
  v_entry_amounts bigint[];
  v_ids uuid[];
  v_accounts bigint[];
  v_missing bigint;
  v_locked integer;
  v_frozen integer;
  v_balance_accounts bigint[];
  v_balance_totals bigint[];
  v_balance_lows bigint[];
BEGIN
  IF jsonb_typeof(p_transfers) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'LEDGER_INVALID: transfers must be a JSON array' USING ERRCODE = 'P0001';
  END IF;

  -- The entry checks of ledger_post, before anything is written; the first bad transfer is named.
  SELECT array_agg(t.idempotency_key ORDER BY t.n), array_agg(t.code ORDER BY t.n),
         array_agg(coalesce(t.refs, '{}'::jsonb) ORDER BY t.n), array_agg(t.now ORDER BY t.n),
         array_agg(t.spend_account_id ORDER BY t.n), array_agg(coalesce(t.spend_cents, 0) ORDER BY t.n),
         array_agg(t.spend_day ORDER BY t.n), array_agg(t.problem ORDER BY t.n),
         min(t.n) FILTER (WHERE t.problem IS NOT NULL)
  INTO v_keys, v_codes, v_refs, v_nows, v_spend_accounts, v_spend_cents, v_spend_days, v_problems, v_bad_n
  FROM (
    SELECT r.*,
           CASE WHEN coalesce(array_length(r.account_ids, 1), 0) < 2
                     OR array_length(r.account_ids, 1) <> coalesce(array_length(r.amounts, 1), 0)
                  THEN 'a transfer needs two or more entries'
                WHEN (SELECT sum(a) FROM unnest(r.amounts) AS a) <> 0
                     OR EXISTS (SELECT 1 FROM unnest(r.amounts) AS a WHERE a = 0 OR a IS NULL)
                     OR EXISTS (SELECT 1 FROM unnest(r.account_ids) AS a WHERE a IS NULL)
                  THEN 'entries must be non-zero and sum to zero'
           END AS problem
    FROM ROWS FROM (jsonb_to_recordset(p_transfers) AS (idempotency_key text, code text, refs jsonb,
           account_ids bigint[], amounts bigint[], spend_account_id bigint, spend_cents bigint,
           spend_day date, now timestamptz))
      WITH ORDINALITY AS r(idempotency_key, code, refs, account_ids, amounts, spend_account_id, spend_cents,
           spend_day, now, n)
  ) t;
  IF v_keys IS NULL THEN
    RETURN;
  END IF;
  IF v_bad_n IS NOT NULL THEN
    RAISE EXCEPTION 'LEDGER_INVALID: %', v_problems[v_bad_n] USING ERRCODE = 'P0001';
  END IF;

  SELECT array_agg(t.n::integer ORDER BY t.n, e.i), array_agg(e.account_id ORDER BY t.n, e.i),
         array_agg(e.amount ORDER BY t.n, e.i)
  INTO v_entry_ordinals, v_entry_accounts, v_entry_amounts
  FROM ROWS FROM (jsonb_to_recordset(p_transfers) AS (account_ids bigint[], amounts bigint[]))
         WITH ORDINALITY AS t(account_ids, amounts, n)
  CROSS JOIN LATERAL unnest(t.account_ids, t.amounts) WITH ORDINALITY AS e(account_id, amount, i);

  -- Keys first, in key order (of equal keys the first one wins); v_ids[n] is null for a transfer
  -- that already existed, which moves nothing.
  WITH inserted AS (
    INSERT INTO ledger_transfers (idempotency_key, code, "references", created_at)
    SELECT u.key, u.code, u.refs, u.now
    FROM unnest(v_keys, v_codes, v_refs, v_nows) WITH ORDINALITY AS u(key, code, refs, now, n)
    ORDER BY u.key, u.n
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id, idempotency_key
  )
  SELECT array_agg(i.id ORDER BY k.n) INTO v_ids
  FROM (SELECT u.key, u.n, row_number() OVER (PARTITION BY u.key ORDER BY u.n) AS rank
        FROM unnest(v_keys) WITH ORDINALITY AS u(key, n)) k
  LEFT JOIN inserted i ON i.idempotency_key = k.key AND k.rank = 1;

  -- Every account the new transfers move or count spend on.
  SELECT array_agg(DISTINCT a.id ORDER BY a.id) INTO v_accounts
  FROM (
    SELECT e.account_id AS id
    FROM unnest(v_entry_ordinals, v_entry_accounts) AS e(n, account_id)
    JOIN unnest(v_ids) WITH ORDINALITY AS t(id, n) ON t.n = e.n
    WHERE t.id IS NOT NULL
    UNION ALL
    SELECT s.account_id
    FROM unnest(v_ids, v_spend_accounts, v_spend_cents) AS s(id, account_id, cents)
    WHERE s.id IS NOT NULL AND s.account_id IS NOT NULL AND s.cents <> 0
  ) a;

  IF v_accounts IS NOT NULL THEN
    v_missing := (SELECT min(w.id) FROM unnest(v_accounts) AS w(id)
                  WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = w.id));
    IF v_missing IS NOT NULL THEN
      RAISE EXCEPTION 'LEDGER_INVALID: account % does not exist', v_missing USING ERRCODE = 'P0001';
    END IF;

    -- The entries go in before the accounts are locked (their foreign-key checks take only a key-share
    -- lock, which a balance update does not block), so the hot house rows stay locked for less time.
    -- Any refusal below still undoes them with the rest.
    INSERT INTO ledger_entries (transfer_id, account_id, amount_cents, code, created_at)
    SELECT t.id, e.account_id, e.amount, t.code, t.now
    FROM unnest(v_entry_ordinals, v_entry_accounts, v_entry_amounts) WITH ORDINALITY AS e(n, account_id, amount, i)
    JOIN unnest(v_ids, v_codes, v_nows) WITH ORDINALITY AS t(id, code, now, n) ON t.n = e.n
    WHERE t.id IS NOT NULL
    ORDER BY e.i;

    -- All locked at once, in id order.
    SELECT count(*), count(*) FILTER (WHERE l.frozen_at IS NOT NULL) INTO v_locked, v_frozen
    FROM (SELECT a.id, a.frozen_at FROM ledger_accounts a WHERE a.id = ANY (v_accounts)
          ORDER BY a.id FOR NO KEY UPDATE) l;
    IF v_locked < array_length(v_accounts, 1) THEN
      RAISE EXCEPTION 'LEDGER_INVALID: an account was removed while posting' USING ERRCODE = 'P0001';
    END IF;

    -- A frozen account gives money only to the processor (chargeback, refund), per transfer net.
    IF v_frozen > 0 AND EXISTS (
      SELECT 1
      FROM unnest(v_entry_ordinals, v_entry_accounts, v_entry_amounts) AS e(n, account_id, amount)
      JOIN unnest(v_ids, v_codes) WITH ORDINALITY AS t(id, code, n) ON t.n = e.n
      JOIN ledger_accounts a ON a.id = e.account_id
      WHERE t.id IS NOT NULL AND a.frozen_at IS NOT NULL AND t.code NOT IN ('chargeback', 'refund')
      GROUP BY e.n, e.account_id
      HAVING sum(e.amount) < 0
    ) THEN
      RAISE EXCEPTION 'ACCOUNT_FROZEN' USING ERRCODE = 'P0001';
    END IF;

    -- Per account: the total movement and the lowest point it reaches after any transfer, in order.
    SELECT array_agg(b.account_id ORDER BY b.account_id), array_agg(b.total ORDER BY b.account_id),
           array_agg(b.low ORDER BY b.account_id)
    INTO v_balance_accounts, v_balance_totals, v_balance_lows
    FROM (
      SELECT r.account_id, sum(r.delta) AS total, min(r.reached) AS low
      FROM (
        SELECT m.account_id, m.delta, sum(m.delta) OVER (PARTITION BY m.account_id ORDER BY m.n) AS reached
        FROM (
          SELECT e.n, e.account_id, sum(e.amount) AS delta
          FROM unnest(v_entry_ordinals, v_entry_accounts, v_entry_amounts) AS e(n, account_id, amount)
          JOIN unnest(v_ids) WITH ORDINALITY AS t(id, n) ON t.n = e.n
          WHERE t.id IS NOT NULL
          GROUP BY e.n, e.account_id
        ) m
      ) r
      GROUP BY r.account_id
    ) b;

    -- An account that dips below its final balance on the way is first set to its lowest point, so
    -- the table's own non-negative CHECK judges every intermediate balance, as in ledger_post.
    UPDATE ledger_accounts a SET balance_cents = a.balance_cents + b.low
    FROM unnest(v_balance_accounts, v_balance_totals, v_balance_lows) AS b(account_id, total, low)
    WHERE a.id = b.account_id AND b.low < 0 AND b.low < b.total;
    UPDATE ledger_accounts a
    SET balance_cents = a.balance_cents + b.total - CASE WHEN b.low < 0 AND b.low < b.total THEN b.low ELSE 0 END
    FROM unnest(v_balance_accounts, v_balance_totals, v_balance_lows) AS b(account_id, total, low)
    WHERE a.id = b.account_id AND (b.total <> 0 OR (b.low < 0 AND b.low < b.total));

    -- Spend, as ledger_record_spend: an account with one spend here is recorded and checked
    -- set-based; one with several goes through ledger_record_spend in transfer order.
    PERFORM ledger_post_many_spend(v_ids, v_spend_accounts, v_spend_cents, v_spend_days, v_nows);
  END IF;

  RETURN QUERY
  SELECT k.n::integer, coalesce(k.id, existing.id), k.id IS NOT NULL
  FROM unnest(v_ids, v_keys) WITH ORDINALITY AS k(id, key, n)
  LEFT JOIN ledger_transfers existing ON k.id IS NULL AND existing.idempotency_key = k.key
  ORDER BY k.n;
END;
$$;
