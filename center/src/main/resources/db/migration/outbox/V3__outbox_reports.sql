-- The reports the center returned for this hospital's requests (D5), each as received (JSON of
-- ReturnedReport, with its signatures), whether its signatures checked against the center's CA
-- (and why not), and when it was filed into the local study as SR + Encapsulated PDF.
CREATE TABLE outbox_reports (
    client_request_id VARCHAR(64)   NOT NULL REFERENCES outbox_requests (client_request_id),
    report_id         BIGINT        NOT NULL,
    version           INTEGER       NOT NULL,
    payload           ${blob}       NOT NULL,
    verified          BOOLEAN       NOT NULL,
    problem           VARCHAR(2000) NOT NULL DEFAULT '',
    signed_by         VARCHAR(400)  NOT NULL DEFAULT '',
    signed_at         TIMESTAMP,
    received_at       TIMESTAMP     NOT NULL,
    filed_at          TIMESTAMP,
    PRIMARY KEY (client_request_id, report_id, version)
);
