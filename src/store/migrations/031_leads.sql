-- 线索中心 (issue 15, docs/leads.md): leads from the 12345 hotline, the public, 信访, reconsideration and
-- litigation, invited supervisors and lawyers, triaged by a region's supervisors, dispatched to the
-- agency concerned, answered, verified, closed or turned into an order. Columns are what lists, scope
-- and deadlines read; `body` holds the words (content, reporter, triage, answer). Every row is logged
-- as lead.put and every timeline row as lead.timeline.
CREATE TABLE leads (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    source_ref   TEXT,                 -- the source's own number: 12345 work order, tracking code …
    status       TEXT NOT NULL CHECK (status IN ('received', 'triaged', 'dispatched', 'answered', 'verified', 'closed', 'converted')),
    received_at  TEXT NOT NULL,        -- UTC, YYYY-MM-DDTHH:MM:SSZ
    region       TEXT NOT NULL,        -- the region it concerns: whose supervisors see it
    agency       TEXT,                 -- the agency it concerns (answers it once dispatched)
    case_no      TEXT,
    category     TEXT NOT NULL DEFAULT '',
    dispatched_on TEXT,
    due_on       TEXT,
    answered_on  TEXT,
    last_act_on  TEXT NOT NULL,
    order_id     INTEGER,
    duplicate_of INTEGER,
    body         TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
-- A source's number is one lead: the 12345 batch sent twice creates nothing the second time.
CREATE UNIQUE INDEX leads_by_source_ref ON leads(source, source_ref) WHERE source_ref IS NOT NULL;
-- GET /leads: a region's board by status; an agency's inbox; the due dates of running leads.
CREATE INDEX leads_by_region_status ON leads(region, status);
CREATE INDEX leads_by_agency_status ON leads(agency, status);
CREATE INDEX leads_by_status_due ON leads(status, due_on);

CREATE TABLE lead_timeline (
    id          INTEGER PRIMARY KEY,
    lead_id     INTEGER NOT NULL REFERENCES leads(id),
    time        TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    user        TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX lead_timeline_by_lead ON lead_timeline(lead_id, id);
CREATE TRIGGER lead_timeline_no_update BEFORE UPDATE ON lead_timeline
BEGIN SELECT RAISE(ABORT, 'lead_timeline is append-only'); END;
CREATE TRIGGER lead_timeline_no_delete BEFORE DELETE ON lead_timeline
BEGIN SELECT RAISE(ABORT, 'lead_timeline is append-only'); END;

INSERT INTO permissions(name, description) VALUES
 ('leads.read', '查看线索（监督人员看本区域，执法机关看转办给本机关的）');
INSERT INTO role_permissions(role, perm) VALUES
 ('supervisor', 'leads.read'), ('leader', 'leads.read'), ('agency_head', 'leads.read'), ('officer', 'leads.read');

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('lead_hotline_12345_wd', '5', '12345热线工单：执法机关答复期限（工作日）', 'integer', 1, 60,
  '12345政务服务便民热线与行政执法监督联动机制（试点）：工单转办后 5 个工作日内答复；以本地规定为准'),
 ('lead_complaint_wd', '10', '群众投诉：转办后执法机关答复期限（工作日）', 'integer', 1, 60, '本地规定'),
 ('lead_petition_wd', '15', '信访：转办后执法机关答复期限（工作日）', 'integer', 1, 60,
  '《信访工作条例》：信访事项应当在规定期限内办结；执法机关答复期限以本地规定为准'),
 ('lead_reconsideration_wd', '10', '行政复议发现的问题：转办后执法机关答复期限（工作日）', 'integer', 1, 60,
  '《行政复议法》第七十六条：行政复议机关发现有关行政行为违法或者不当的，可以制发行政复议意见书；有关机关应当自收到之日起六十日内报送纠正情况'),
 ('lead_litigation_wd', '10', '行政诉讼发现的问题：转办后执法机关答复期限（工作日）', 'integer', 1, 60, '本地规定'),
 ('lead_social_supervisor_wd', '10', '特邀监督员反映的问题：答复期限（工作日）', 'integer', 1, 60, '本地规定'),
 ('lead_lawyer_wd', '10', '派驻律师反映的问题：答复期限（工作日）', 'integer', 1, 60, '本地规定'),
 ('lead_review_wd', '10', '案卷评查发现的问题：答复期限（工作日）', 'integer', 1, 60, '本地规定'),
 ('lead_other_wd', '10', '其他来源线索：答复期限（工作日）', 'integer', 1, 60, '本地规定');
