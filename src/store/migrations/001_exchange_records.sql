-- Exchange-v1 records (spec/exchange-v1.md). `body` is the record as received, compact JSON with
-- unknown fields kept, so export reproduces it; the other columns index it for queries and scope.
CREATE TABLE agencies (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    region    TEXT NOT NULL,
    level     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    sector    TEXT,
    parent    TEXT,
    body      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX agencies_by_region ON agencies(region);

CREATE TABLE officers (
    cert_no   TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    agency    TEXT NOT NULL,
    cert_valid_to TEXT NOT NULL,
    status    TEXT NOT NULL,
    body      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX officers_by_agency ON officers(agency);

CREATE TABLE powers (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    body      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE benchmarks (
    power     TEXT PRIMARY KEY,
    body      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE cases (
    case_no   TEXT PRIMARY KEY,
    agency    TEXT NOT NULL,
    kind      TEXT NOT NULL,
    body      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX cases_by_agency ON cases(agency, kind);

CREATE TABLE monthly_reports (
    agency    TEXT NOT NULL,
    month     TEXT NOT NULL,
    body      TEXT NOT NULL,
    PRIMARY KEY (agency, month)
) WITHOUT ROWID;
