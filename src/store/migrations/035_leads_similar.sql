-- Possible duplicates (docs/leads.md): a lead's page proposes the leads of the same agency received
-- in the 30 days before it whose contents are alike (character-bigram Jaccard, domain/text_similarity.c).
CREATE INDEX leads_by_agency_received ON leads(agency, received_at);

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('lead_duplicate_similarity_pct', '50', '线索查重：同一执法主体 30 日内反映内容相似度（字二元组 Jaccard，百分比）达到此值即提示可能重复', 'integer', 10, 100, '本地规定');
