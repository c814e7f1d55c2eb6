-- An idempotency key is bound to the request that first used it: the SHA-256 of the canonical
-- answers is kept beside it, so that the same key with the same answers replays the first
-- answer, and the same key with other answers (another applicant who chose or guessed it) is
-- refused instead of being told someone else's reference. NULL for applications stored before.
ALTER TABLE applications ADD COLUMN request_hash TEXT;
