-- Consultation (会诊转发, D4): a request's expert (or a coordinator) forwards a difficult case to
-- another expert group with a question; that group's experts then see the request and add their
-- opinions; the thread is kept. The request's own expert still signs its report.
CREATE TABLE consultations (
    id         BIGSERIAL    PRIMARY KEY,
    request_id UUID         NOT NULL REFERENCES requests (id),
    asked_by   BIGINT       NOT NULL REFERENCES accounts (id),
    to_group   VARCHAR(64)  NOT NULL,
    question   TEXT         NOT NULL,
    state      VARCHAR(16)  NOT NULL CHECK (state IN ('OPEN', 'CLOSED')),
    asked_at   TIMESTAMPTZ  NOT NULL,
    closed_at  TIMESTAMPTZ
);
CREATE INDEX consultations_by_group ON consultations (to_group, state);
CREATE INDEX consultations_by_request ON consultations (request_id, id);

CREATE TABLE consultation_opinions (
    id              BIGSERIAL   PRIMARY KEY,
    consultation_id BIGINT      NOT NULL REFERENCES consultations (id),
    account_id      BIGINT      NOT NULL REFERENCES accounts (id),
    text            TEXT        NOT NULL,
    at              TIMESTAMPTZ NOT NULL
);
CREATE INDEX consultation_opinions_by_consultation ON consultation_opinions (consultation_id, id);
