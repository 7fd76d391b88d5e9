-- 案卷评查 (issue 16, docs/reviews.md): score sheets as data, review plans with a reproducible
-- stratified sample, one item per sampled file, one task per reviewer and file (交叉评查), and the
-- agencies' 申辩. Each row keeps its whole state in `body` (JSON); the columns beside it are copies
-- of the fields that lists, scope and the reviewer's access read. Plans and tasks are logged as
-- review_plan.put / review_task.put events (app/logged_row.c).
CREATE TABLE review_standards (
    code       TEXT PRIMARY KEY,       -- penalty_v1 …; a copy gets its own code
    name       TEXT NOT NULL,
    shipped    INTEGER NOT NULL DEFAULT 0, -- loaded from data/review_standards: never edited here
    body       TEXT NOT NULL,          -- the standard as docs/reviews.md shows it
    sha256     TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE review_plans (
    id         INTEGER PRIMARY KEY,
    region     TEXT NOT NULL,          -- the creating supervisor's region: the plan's scope
    status     TEXT NOT NULL CHECK (status IN ('draft', 'sampled', 'assigned', 'scoring', 'arbitration',
                                               'finished', 'published')),
    created_by TEXT NOT NULL,
    body       TEXT NOT NULL
);
CREATE INDEX review_plans_by_region ON review_plans(region, id);

CREATE TABLE review_items (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES review_plans(id),
    case_no    TEXT NOT NULL,
    agency     TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('pending', 'scoring', 'arbitration', 'done')),
    body       TEXT NOT NULL,
    UNIQUE (plan_id, case_no)
);
-- a case's reviews in a year (exclude_reviewed_this_year)
CREATE INDEX review_items_by_case ON review_items(case_no);

CREATE TABLE review_tasks (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES review_plans(id),
    item_id    INTEGER NOT NULL REFERENCES review_items(id),
    case_no    TEXT NOT NULL,          -- the one file the reviewer may open through this task
    reviewer   TEXT NOT NULL,          -- username
    status     TEXT NOT NULL CHECK (status IN ('assigned', 'submitted')),
    body       TEXT NOT NULL,
    UNIQUE (item_id, reviewer)
);
CREATE INDEX review_tasks_by_reviewer ON review_tasks(reviewer, status, id);
CREATE INDEX review_tasks_by_plan ON review_tasks(plan_id, item_id);

CREATE TABLE review_defenses (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES review_plans(id),
    item_id    INTEGER NOT NULL REFERENCES review_items(id),
    agency     TEXT NOT NULL,
    body       TEXT NOT NULL
);
CREATE INDEX review_defenses_by_item ON review_defenses(item_id, id);
CREATE INDEX review_defenses_by_plan ON review_defenses(plan_id, id);

INSERT INTO roles(id, name, description, data_scope, duty) VALUES
 ('review_expert', '特邀评查专家', '只评查分配给本人的案卷（交叉评查），看不到其他案件', 'region', 'business');

INSERT INTO permissions(name, description, owner) VALUES
 ('reviews.manage', '制定案卷评查方案、抽取案卷、分配评查人员、仲裁、发布结果、答复申辩、转督办', 'business'),
 ('reviews.score',  '评查分配给本人的案卷（只能查看所分配的案卷）', 'business'),
 ('reviews.read',   '查看案卷评查方案与结果（执法主体只看本单位已发布的结果）', 'business'),
 ('reviews.defend', '对本单位的评查结果提出申辩', 'business');

INSERT INTO role_permissions(role, perm) VALUES
 ('supervisor', 'reviews.manage'), ('supervisor', 'reviews.score'), ('supervisor', 'reviews.read'),
 ('leader', 'reviews.read'),
 ('lawyer', 'reviews.score'),
 ('review_expert', 'reviews.score'),
 ('officer', 'reviews.read'), ('legal_reviewer', 'reviews.read'),
 ('agency_head', 'reviews.read'), ('agency_head', 'reviews.defend');

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('review_grade_bands',
  '[{"grade":"excellent","name":"优秀","min":90},{"grade":"good","name":"良好","min":80},{"grade":"pass","name":"合格","min":60},{"grade":"fail","name":"不合格","min":0}]',
  '案卷评查等次：得分不低于该档下限即为该等次（从高到低，最后一档下限为 0）；一票否决的案卷为不合格', 'review_grade_bands', NULL, NULL,
  '《行政执法监督条例》：行政执法监督机构通过案卷评查等方式开展监督，评查标准与等次按本地规定'),
 ('review_reviewers_per_file', '2', '案卷评查：每份案卷的评查人员人数（交叉评查）', 'integer', 1, 5,
  '本地规定：每份案卷由两名以上评查人员独立评分'),
 ('review_arbitration_gap', '10', '案卷评查：评查人员评分相差超过该分数时由方案制定人仲裁', 'integer', 1, 100,
  '本地规定'),
 ('review_defense_wd', '5', '案卷评查：结果发布后执法主体提出申辩的期限（工作日）', 'integer', 1, 30,
  '本地规定：参照《行政处罚法》第四十五条当事人陈述申辩的权利');
