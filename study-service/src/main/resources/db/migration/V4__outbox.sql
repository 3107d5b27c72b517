-- Transactional outbox: messages a transaction decided are stored with it and published from here afterwards,
-- so a crash between commit and publish loses nothing.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    topic       varchar(200) NOT NULL,
    message_key varchar(200) NOT NULL,
    payload     text         NOT NULL,
    created_at  timestamptz  NOT NULL
);
