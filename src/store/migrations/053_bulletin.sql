-- The 通报 counts an agency's decisions of a month and sums their fines (store/sqlite_bulletin.c),
-- and the region's by month for its trend: read in this index alone, without the case bodies.
CREATE INDEX cases_by_agency_decided ON cases(agency, decided_on, fine_fen, region);
