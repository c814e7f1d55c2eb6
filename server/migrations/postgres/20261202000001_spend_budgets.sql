-- A spend of budgets (db/postgres/budgets.rs) in one round trip to the server, where a
-- transaction of a statement per step took five: every submission and every tracking guess
-- spends one. What it does is what the transaction did:
--   1. Each key is locked for the transaction (an advisory lock on its hash, taken in key order
--      so that two spends never wait for each other in a circle). Of two spends racing for a
--      key's last entry, the second counts after the first has committed, and finds none left:
--      each statement of a VOLATILE function sees what was committed when it began.
--   2. Each budget gets a new entry unless its key already has `limit` that have not expired
--      (counted only up to the limit). All or none: every budget is counted first (its key is
--      locked, so the count stands), and nothing is written unless all have room; a key named
--      twice in one spend counts its own earlier entries too.
--   3. The commit does not wait for the disk: an entry lost in a crash gives a guesser one
--      guess more, nothing worse (an application's own commit keeps its full guarantee).
CREATE FUNCTION spend_budgets(budget_keys TEXT[], budget_limits BIGINT[], entry_expires_at TEXT, at TEXT)
RETURNS BIGINT[]
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    locked_key TEXT;
    spent BIGINT;
    entries BIGINT[] := '{}';
BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    FOR locked_key IN SELECT DISTINCT k FROM unnest(budget_keys) AS k ORDER BY k LOOP
        PERFORM pg_advisory_xact_lock(hashtextextended(locked_key, 0));
    END LOOP;
    FOR i IN 1 .. coalesce(array_length(budget_keys, 1), 0) LOOP
        SELECT count(*) INTO spent FROM
            (SELECT 1 FROM budget_entries
             WHERE key = budget_keys[i] AND expires_at > at LIMIT budget_limits[i]) AS unexpired;
        -- This spend's own entries under the same key, before this one.
        spent := spent + (SELECT count(*) FROM generate_subscripts(budget_keys, 1) AS j
                          WHERE j < i AND budget_keys[j] = budget_keys[i]);
        IF spent >= budget_limits[i] THEN
            RETURN NULL;
        END IF;
    END LOOP;
    WITH written AS (
        INSERT INTO budget_entries (key, expires_at)
        SELECT k, entry_expires_at FROM unnest(budget_keys) AS k
        RETURNING id)
    SELECT array_agg(id ORDER BY id) INTO entries FROM written;
    RETURN coalesce(entries, '{}');
END;
$$;
