-- Timeline and workflow rows are logged in the ledger as they are written (timeline.add and
-- workflow.put events, docs/ledger.md), so `zhifa verify` can hold every row to its event. Rows
-- written before this migration have none: the first open after it logs each of them once
-- (store/sqlite_workflow.c sqlite_workflow_backfill) and deletes the marker in the same transaction.
CREATE TABLE ledger_backfill (what TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO ledger_backfill(what) SELECT 'case_timeline' WHERE EXISTS (SELECT 1 FROM case_timeline);
INSERT INTO ledger_backfill(what) SELECT 'case_workflow' WHERE EXISTS (SELECT 1 FROM case_workflow);
