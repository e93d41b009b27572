-- The audit log (Q2): append-only and hash-chained. Each record's hash covers its fields and the
-- previous record's hash, so an edited record no longer matches its hash and a deleted one
-- breaks the chain (sequence numbers are contiguous from 1). audit_head holds the last sequence
-- number and hash: appends lock it, so the chain has one order on every workstation, and a
-- record deleted from the end still shows against it.
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at_ms       BIGINT NOT NULL,
    user_login  VARCHAR(64) NOT NULL,
    workstation VARCHAR(200) NOT NULL,
    action      VARCHAR(64) NOT NULL,
    object_type VARCHAR(32) NOT NULL,
    object_id   VARCHAR(200) NOT NULL,
    detail      VARCHAR(4000) NOT NULL,
    prev_hash   VARCHAR(64) NOT NULL,
    hash        VARCHAR(64) NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at_ms);
CREATE INDEX audit_log_user ON audit_log (user_login, at_ms);

CREATE TABLE audit_head (
    id   INT PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash VARCHAR(64) NOT NULL
);

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
