-- The per-number limits (issue 23; parameters `sms.per_number_*`): the keyed hash of the
-- number a text to an applicant went to (crypto::DataKeys::lookup_hash, never the number), so
-- that the senders count the texts one number got in the last minute, hour and day, across
-- every case that gave it (a son applying for both parents gives his number twice).
ALTER TABLE messages ADD COLUMN number_hash TEXT;
CREATE INDEX messages_by_number ON messages (number_hash, sending_at);
