-- The monthly 通报 (docs/analytics.md, bulletin part) is read under the stats API's permission,
-- stats.read, which the rollups part (050–051) creates with its grants. OR IGNORE: when that has
-- run this adds nothing; alone (before the rollups land) it gives the 通报 to the supervisors and
-- leaders, the readers both parts agree on.
INSERT OR IGNORE INTO permissions(name, description, owner) VALUES
 ('stats.read', '查看统计分析（数据看板、排名、大屏、月度通报）', 'business');

INSERT OR IGNORE INTO role_permissions(role, perm) VALUES
 ('supervisor', 'stats.read'), ('leader', 'stats.read');

-- The 通报 counts an agency's decisions of a month and sums their fines (store/sqlite_bulletin.c),
-- and the region's by month for its trend: read in this index alone, without the case bodies.
CREATE INDEX cases_by_agency_decided ON cases(agency, decided_on, fine_fen, region);
