-- Lumen schema version 9: HL7 v2 messages received over MLLP. One row per message with the
-- sender's key (MSH-3/MSH-4 and the control ID MSH-10), so a message sent again gets its first
-- answer instead of being applied twice; the answer itself; and the message as received, for
-- support. Rows older than the retention (setting hl7_keep_days) are deleted as new ones arrive.
CREATE TABLE hl7_messages (
    id           INTEGER PRIMARY KEY,
    sender       TEXT NOT NULL,
    control_id   TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    message_type TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    peer         TEXT NOT NULL,
    ack_code     TEXT NOT NULL,
    ack          TEXT NOT NULL,
    raw          BLOB NOT NULL,
    UNIQUE (sender, control_id)
);
CREATE INDEX hl7_messages_received ON hl7_messages(received_at);
