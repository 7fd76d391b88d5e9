-- Supervision findings (spec/rules.md §2) as they live over time: one row per
-- (subject_type, subject, rule, severity); a sweep refreshes last_seen and resolves the rows it no
-- longer finds, so supervisors see new, open and resolved alerts rather than a recomputed list.
CREATE TABLE findings (
    id             INTEGER PRIMARY KEY,
    rule           TEXT NOT NULL,
    severity       TEXT NOT NULL CHECK (severity IN ('violation', 'warning')),
    subject_type   TEXT NOT NULL,
    subject        TEXT NOT NULL,
    agency         TEXT NOT NULL DEFAULT '',
    law            TEXT NOT NULL,
    due_on         TEXT,
    message        TEXT NOT NULL,
    config_version INTEGER NOT NULL,
    first_seen     TEXT NOT NULL,
    last_seen      TEXT NOT NULL,
    resolved_at    TEXT,
    sweep_id       INTEGER NOT NULL, -- the last sweep that found it
    opened_sweep   INTEGER NOT NULL, -- the sweep that first found it (again, after a resolve)
    UNIQUE (subject_type, subject, rule, severity)
);
CREATE INDEX findings_open_by_agency ON findings(agency, severity) WHERE resolved_at IS NULL;
CREATE INDEX findings_by_rule ON findings(rule, resolved_at);

-- Each sweep: when it ran, as of which date, what it changed.
CREATE TABLE sweeps (
    id          INTEGER PRIMARY KEY,
    as_of       TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    subjects    INTEGER NOT NULL,
    findings    INTEGER NOT NULL,
    new         INTEGER NOT NULL,
    resolved    INTEGER NOT NULL
);

-- Threshold configuration (rules.md §6), versioned: every save is a new row; the newest rules.
CREATE TABLE rule_config_versions (
    version    INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    created_by TEXT,
    overrides  TEXT NOT NULL -- JSON array of {"param","sector","region","value"}
);
-- Version 1 is the built-in defaults of rules.md; the first save becomes version 2.
INSERT INTO rule_config_versions(version, created_at, created_by, overrides)
VALUES (1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'system', '[]');

-- Set by writes that change what the rules see; cleared by the sweep that consumes it.
CREATE TABLE sweep_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    dirty INTEGER NOT NULL
);
INSERT INTO sweep_state(id, dirty) VALUES (1, 1);
