-- 双随机抽查计划 and 综合查一次 (issue 20, docs/inspections.md). A plan's first draw is kept in its
-- body with the population it drew from (and logged as an inspection.draw event), so `zhifa
-- inspection verify --plan ID` can recompute it. 事项目录清单: which agencies' items are checked
-- together at which kind of entity; joint plans: one visit, a lead agency, items of several agencies.
CREATE TABLE insp_plans (
    id          INTEGER PRIMARY KEY,
    agency      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('draft', 'drawn', 'published')),
    created_by  TEXT NOT NULL,
    body        TEXT NOT NULL           -- {name, seed, rule, inspectors_per_entity, population, items, drawn_at, draw_seq, results}
);
CREATE INDEX insp_plans_by_agency ON insp_plans(agency, id);

CREATE TABLE joint_catalogue (
    id          INTEGER PRIMARY KEY,
    region      TEXT NOT NULL,          -- the supervisor's region that keeps it
    status      TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
    body        TEXT NOT NULL           -- {name, entity_kind, sector, items:[{agency, item}], basis}
);

CREATE TABLE joint_plans (
    id          INTEGER PRIMARY KEY,
    region      TEXT NOT NULL,
    lead_agency TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('planned', 'done')),
    planned_on  TEXT NOT NULL,
    body        TEXT NOT NULL           -- {name, entity, agencies, items:[{agency, item, result, note, by, at}], source}
);
CREATE INDEX joint_plans_by_region ON joint_plans(region, planned_on);

INSERT INTO permissions(name, description, owner) VALUES
 ('joint.read',   '查看综合查一次事项目录、联合检查计划与减少的入企次数', 'business'),
 ('joint.manage', '制定综合查一次事项目录与跨部门联合检查计划（由重复检查预警生成）', 'business');

INSERT INTO role_permissions(role, perm) VALUES
 ('supervisor', 'joint.read'), ('supervisor', 'joint.manage'), ('leader', 'joint.read'),
 ('agency_head', 'joint.read'), ('officer', 'joint.read');
