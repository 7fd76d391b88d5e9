-- Reconsideration and litigation outcomes of cases entered after the fact or imported (the case
-- record's `revocation`, docs/import.md) become supervision leads by themselves: the sweep reads the
-- cases changed since this mark, as the filing run does with its own.
CREATE TABLE outcome_scan (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    mark TEXT NOT NULL DEFAULT ''
);
INSERT INTO outcome_scan(id, mark) VALUES (1, '');
