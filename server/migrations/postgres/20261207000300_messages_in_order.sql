-- A text waits while an earlier one to the same reader of the same case is due or under way
-- (db/outbox.rs): the senders look for that earlier one by case, reader and id.
CREATE INDEX messages_in_order ON messages (application_id, recipient, id);
