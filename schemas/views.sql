-- Views for analysts: answers to the common questions without joining the tables by hand.
-- Applied by govfeeds.database.connect after ddl.sql on every read-write open, so editing a view
-- here updates every database the pipeline touches. The file must stay readable by DuckDB 1.4+
-- (the storage compatibility version): a view is stored as SQL text and re-parsed by the reader,
-- so use no syntax newer than 1.4 here. schemas/comments.sql describes every column.

-- One row per live statement (not deleted), with its people, countries, topics and event dates
-- folded into lists, and its feed's title and host country.
CREATE OR REPLACE VIEW statements_v AS
SELECT
    s.statement_id,
    s.site,
    s.feed_id,
    f.title AS feed_title,
    f.country AS feed_country,
    s.url,
    s.title,
    s.doc_type,
    s.published_at,
    s.release_date,
    s.issuing_office,
    s.mission,
    s.language,
    s.word_count,
    coalesce(p.people, CAST([] AS STRUCT(name VARCHAR, title VARCHAR)[])) AS people,
    coalesce(c.countries, CAST([] AS VARCHAR[])) AS countries,
    coalesce(t.topics, CAST([] AS VARCHAR[])) AS topics,
    coalesce(d.event_dates, CAST([] AS DATE[])) AS event_dates,
    s.quoted_text,
    s.body_text,
    s.text_source,
    s.version,
    s.first_seen_at,
    s.updated_at
FROM statements AS s
LEFT JOIN feeds AS f ON f.feed_id = s.feed_id
LEFT JOIN (
    SELECT statement_id, list({'name': name, 'title': title} ORDER BY name) AS people
    FROM statement_people GROUP BY statement_id
) AS p ON p.statement_id = s.statement_id
LEFT JOIN (
    SELECT statement_id, list(country_code ORDER BY mentions DESC, country_code) AS countries
    FROM statement_countries GROUP BY statement_id
) AS c ON c.statement_id = s.statement_id
LEFT JOIN (
    SELECT statement_id, list(DISTINCT topic ORDER BY topic) AS topics
    FROM statement_topics GROUP BY statement_id
) AS t ON t.statement_id = s.statement_id
LEFT JOIN (
    SELECT statement_id, list(DISTINCT event_date ORDER BY event_date) AS event_dates
    FROM statement_dates GROUP BY statement_id
) AS d ON d.statement_id = s.statement_id
WHERE s.deleted_at IS NULL;

-- Per feed: is it healthy, when was it last and next polled, how much it has given us.
CREATE OR REPLACE VIEW feed_health AS
SELECT
    f.feed_id,
    f.site,
    f.title,
    f.country,
    CASE
        WHEN f.last_polled_at IS NULL THEN 'never polled'
        WHEN f.consecutive_failures = 0 THEN 'healthy'
        WHEN f.consecutive_failures < 3 THEN 'degraded'
        ELSE 'failing'
    END AS health,
    f.last_status,
    f.consecutive_failures,
    f.last_polled_at,
    f.last_success_at,
    f.next_poll_at,
    coalesce(s.statements, 0) AS statements,
    s.newest_published_at,
    s.newest_title
FROM feeds AS f
LEFT JOIN (
    SELECT feed_id, count(*) AS statements, max(published_at) AS newest_published_at,
           arg_max(title, coalesce(published_at, first_seen_at)) AS newest_title
    FROM statements WHERE deleted_at IS NULL GROUP BY feed_id
) AS s ON s.feed_id = f.feed_id;

-- Live statements per UTC day of publication (first sighting when the feed gave no date), site and type.
CREATE OR REPLACE VIEW daily_counts AS
SELECT
    CAST(timezone('UTC', coalesce(published_at, first_seen_at)) AS DATE) AS day,
    site,
    coalesce(doc_type, 'unknown') AS doc_type,
    count(*) AS statements
FROM statements
WHERE deleted_at IS NULL
GROUP BY 1, 2, 3;
