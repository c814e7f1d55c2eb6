-- Delivery receipts (issue 23): when a sender next asks the provider what became of a text it
-- took ('sent'); NULL once the receipt came (delivered, or failed for good) or the sender
-- stopped asking. A sender holds a text it is asking about by moving this on (a lease).
ALTER TABLE messages ADD COLUMN receipt_at TEXT;
CREATE INDEX messages_receipts_due ON messages (receipt_at) WHERE receipt_at IS NOT NULL;
