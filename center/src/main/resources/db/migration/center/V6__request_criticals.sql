-- Critical values across hospitals (D7): a critical-value alert an expert raised, in the center's
-- reporting database, to a requesting hospital (its stand-in user site.<code>), relayed to that
-- hospital with the request, and its acknowledgement (who, the read-back, when) relayed back.
CREATE TABLE request_criticals (
    request_id      UUID         NOT NULL REFERENCES requests (id),
    alert_id        BIGINT       NOT NULL,
    finding         VARCHAR(400) NOT NULL,
    category        VARCHAR(16)  NOT NULL,
    note            TEXT         NOT NULL DEFAULT '',
    sender          VARCHAR(64)  NOT NULL,
    raised_at       TIMESTAMPTZ  NOT NULL,
    due_at          TIMESTAMPTZ  NOT NULL,
    acknowledged_by VARCHAR(200) NOT NULL DEFAULT '',
    read_back       TEXT         NOT NULL DEFAULT '',
    acknowledged_at TIMESTAMPTZ,
    PRIMARY KEY (request_id, alert_id)
);
