-- A hospital's outbox to the remote diagnosis center, in the department database (H2 or
-- PostgreSQL, the same SQL): what a doctor submitted, sent in the background image by image, so a
-- dropped link or a restart resumes where it stopped. Its own Flyway history (flyway_outbox_history).

CREATE TABLE outbox_requests (
    client_request_id VARCHAR(64)      NOT NULL PRIMARY KEY,
    study_uid         VARCHAR(64)      NOT NULL,
    -- the NewRequest as sent (JSON)
    request_json      VARCHAR(100000)  NOT NULL,
    submitted_by      VARCHAR(64)      NOT NULL,
    center_request_id VARCHAR(36),
    state             VARCHAR(16)      NOT NULL,
    center_state      VARCHAR(16)      NOT NULL DEFAULT '',
    last_error        VARCHAR(2000)    NOT NULL DEFAULT '',
    created_at        TIMESTAMP        NOT NULL,
    updated_at        TIMESTAMP        NOT NULL
);

CREATE TABLE outbox_images (
    client_request_id VARCHAR(64)   NOT NULL REFERENCES outbox_requests (client_request_id),
    sop_instance_uid  VARCHAR(64)   NOT NULL,
    file_path         VARCHAR(4000) NOT NULL,
    sha256            CHAR(64)      NOT NULL,
    bytes             BIGINT        NOT NULL,
    -- PENDING until the center holds it (SENT); REFUSED when the center refused it for a reason
    -- sending again cannot change (another study), with the reason
    state             VARCHAR(16)   NOT NULL,
    attempts          INTEGER       NOT NULL DEFAULT 0,
    last_error        VARCHAR(2000) NOT NULL DEFAULT '',
    PRIMARY KEY (client_request_id, sop_instance_uid)
);
CREATE INDEX outbox_images_pending ON outbox_images (client_request_id, state);
