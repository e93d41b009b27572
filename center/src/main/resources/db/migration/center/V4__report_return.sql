-- Report return (D5). A report signed final in the center's reporting database is checked and
-- kept here, as sent to the requesting hospital (JSON of ReturnedReport), once per version: a
-- report recalled and signed again goes back as a newer version. Several instances watching the
-- same reports insert it once (the primary key).
CREATE TABLE request_reports (
    request_id  UUID        NOT NULL REFERENCES requests (id),
    report_id   BIGINT      NOT NULL,
    version     INTEGER     NOT NULL,
    payload     TEXT        NOT NULL,
    reported_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (request_id, report_id, version)
);

-- Every trace line is announced at commit to the instances' event feeds (LISTEN request_events),
-- which push it to the workstations that may see the request.
CREATE FUNCTION announce_request_event() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('request_events', NEW.id::text);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER request_events_announced AFTER INSERT ON request_events
    FOR EACH ROW EXECUTE FUNCTION announce_request_event();

-- the report watcher's look, four times a second, at the requests still open
CREATE INDEX requests_by_state ON requests (state, updated_at);
