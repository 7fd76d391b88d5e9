-- law_bigrams is rebuilt whole from law_articles by every load of the law library
-- (pg_store_laws_reindex: emptied, then one INSERT of every article's grams), so the reference to
-- law_articles checked nothing a rebuild does not already guarantee — and its per-row check was
-- half of the ~118,000-row insert, itself most of an `init` on PostgreSQL (5 of 6.5 s measured).
-- The rows still name their article; a search joins them to law_articles.
ALTER TABLE law_bigrams DROP CONSTRAINT IF EXISTS law_bigrams_article_id_fkey;
