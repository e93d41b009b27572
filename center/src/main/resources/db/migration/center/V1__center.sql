-- The remote diagnosis center's state (PostgreSQL 15). Every instance of the service works on
-- these tables only: nothing that matters is kept in an instance's memory.

CREATE TABLE hospitals (
    id        BIGSERIAL PRIMARY KEY,
    code      VARCHAR(64)  NOT NULL UNIQUE,
    name      VARCHAR(200) NOT NULL,
    -- the expert center itself (its experts and coordinators belong to it)
    is_center BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE TABLE accounts (
    id            BIGSERIAL PRIMARY KEY,
    hospital_id   BIGINT       NOT NULL REFERENCES hospitals (id),
    login         VARCHAR(64)  NOT NULL UNIQUE,
    display_name  VARCHAR(200) NOT NULL,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('DOCTOR', 'EXPERT', 'COORDINATOR', 'ADMIN')),
    expert_group  VARCHAR(64)  NOT NULL DEFAULT '',
    password_hash VARCHAR(300) NOT NULL,
    active        BOOLEAN      NOT NULL DEFAULT TRUE
);

-- a workstation's session: the token itself is never stored, only its SHA-256
CREATE TABLE sessions (
    token_hash  CHAR(64)     PRIMARY KEY,
    account_id  BIGINT       NOT NULL REFERENCES accounts (id),
    workstation VARCHAR(200) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE requests (
    id                 UUID         PRIMARY KEY,
    hospital_id        BIGINT       NOT NULL REFERENCES hospitals (id),
    -- the site's own id for the request: a request sent again (a dropped link) is the same request
    client_request_id  VARCHAR(64)  NOT NULL,
    created_by         BIGINT       NOT NULL REFERENCES accounts (id),
    patient_id         VARCHAR(64)  NOT NULL,
    patient_name       VARCHAR(200) NOT NULL,
    patient_sex        VARCHAR(16)  NOT NULL DEFAULT '',
    patient_birth_date VARCHAR(8)   NOT NULL DEFAULT '',
    study_uid          VARCHAR(64)  NOT NULL,
    accession_number   VARCHAR(64)  NOT NULL DEFAULT '',
    modality           VARCHAR(16)  NOT NULL DEFAULT '',
    body_part          VARCHAR(64)  NOT NULL DEFAULT '',
    exam_description   VARCHAR(200) NOT NULL DEFAULT '',
    clinical_history   TEXT         NOT NULL DEFAULT '',
    question           TEXT         NOT NULL DEFAULT '',
    urgency            VARCHAR(16)  NOT NULL CHECK (urgency IN ('ROUTINE', 'URGENT')),
    state              VARCHAR(16)  NOT NULL,
    announced_images   INTEGER      NOT NULL CHECK (announced_images >= 0),
    received_images    INTEGER      NOT NULL DEFAULT 0,
    assigned_to        BIGINT       REFERENCES accounts (id),
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    UNIQUE (hospital_id, client_request_id)
);
CREATE INDEX requests_by_hospital ON requests (hospital_id, created_at DESC);
CREATE INDEX requests_by_assignee ON requests (assigned_to, created_at DESC);

-- the trace of a request (D8): every state change and transfer, who, when, from which workstation
CREATE TABLE request_events (
    id          BIGSERIAL    PRIMARY KEY,
    request_id  UUID         NOT NULL REFERENCES requests (id),
    at          TIMESTAMPTZ  NOT NULL,
    account_id  BIGINT       REFERENCES accounts (id),
    workstation VARCHAR(200) NOT NULL DEFAULT '',
    what        VARCHAR(32)  NOT NULL,
    detail      TEXT         NOT NULL DEFAULT ''
);
CREATE INDEX request_events_by_request ON request_events (request_id, id);
