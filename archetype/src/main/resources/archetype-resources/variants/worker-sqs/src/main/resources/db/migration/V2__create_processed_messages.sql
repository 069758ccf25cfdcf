-- The SQS messages the queue worker has stored an order for, written in the same transaction as
-- the order: SQS delivers a message at least once, and a message seen here stores nothing again.
-- Runs unchanged on the real database and on the embedded H2 in its compatibility mode.
CREATE TABLE processed_messages (
    message_id   VARCHAR(100) NOT NULL PRIMARY KEY,
    order_id     BIGINT       NOT NULL,
    processed_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (order_id) REFERENCES orders (id)
);
