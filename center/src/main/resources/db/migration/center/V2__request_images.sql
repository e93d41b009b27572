-- The images of a request the center holds: each verified against the SHA-256 the site sent
-- before it was stored (in Orthanc, under orthanc_id) and recorded here.
CREATE TABLE request_images (
    request_id       UUID        NOT NULL REFERENCES requests (id),
    sop_instance_uid VARCHAR(64) NOT NULL,
    sop_class_uid    VARCHAR(64) NOT NULL,
    sha256           CHAR(64)    NOT NULL,
    bytes            BIGINT      NOT NULL,
    orthanc_id       VARCHAR(64) NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (request_id, sop_instance_uid)
);
