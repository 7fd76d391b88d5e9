-- Background jobs elected through the database (docs/scale.md): several `zhifa serve` processes on one
-- database each start the sweeper, the head signer and the daily escalator, but only the process
-- holding a job's lease runs it. The holder renews the lease before each run; another process takes
-- it over once expires_at (unix seconds) has passed, so a holder that died frees its jobs by itself.
CREATE TABLE job_leases (
    job         TEXT PRIMARY KEY CHECK (length(job) <= 40),
    holder      TEXT NOT NULL CHECK (length(holder) <= 120), -- "<host>:<pid>:<random>" of the process
    acquired_at INTEGER NOT NULL,                            -- unix seconds, when this holder took it
    expires_at  INTEGER NOT NULL                             -- unix seconds; 0 once released
) WITHOUT ROWID;
