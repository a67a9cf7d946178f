-- Views for analysts: answers to the common questions without joining the tables by hand.
-- Applied by govfeeds.database.connect after ddl.sql on every read-write open, so editing a view
-- here updates every database the pipeline touches. The file must stay readable by DuckDB 1.4+
-- (the storage compatibility version): a view is stored as SQL text and re-parsed by the reader,
-- so use no syntax newer than 1.4 here. Each view's comments follow it (a view's columns without one
-- inherit the comment of the same column of the table it is built on: govfeeds.store.connection).

-- One row per live statement (not deleted): every column of statements but the bookkeeping ones
-- (so a new enrichment column shows here by itself, its comment inherited from statements), its
-- people, countries, topics and event dates folded into lists, and its feed's title and host country.
CREATE OR REPLACE VIEW statements_v AS
SELECT
    s.* EXCLUDE (guid, content_sha256, item_sha256, page_sha256, page_error, categories, deleted_at, enriched_at, enricher_version),
    f.title AS feed_title,
    f.country AS feed_country,
    coalesce(p.people, CAST([] AS STRUCT(name VARCHAR, title VARCHAR)[])) AS people,
    coalesce(c.countries, CAST([] AS VARCHAR[])) AS countries,
    coalesce(t.topics, CAST([] AS VARCHAR[])) AS topics,
    coalesce(d.event_dates, CAST([] AS DATE[])) AS event_dates,
    coalesce(k.copies, 0) AS copies
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
LEFT JOIN (
    SELECT copy_of, count(*) AS copies FROM statements
    WHERE deleted_at IS NULL AND copy_of IS NOT NULL GROUP BY copy_of
) AS k ON k.copy_of = s.statement_id
WHERE s.deleted_at IS NULL;
COMMENT ON VIEW statements_v IS 'One row per live statement (deleted_at IS NULL) with people, countries, topics and event dates as lists and its feed''s title and country. Start here.';
COMMENT ON COLUMN statements_v.statement_id IS 'Stable id of the statement.';
COMMENT ON COLUMN statements_v.site IS 'Host that published it, e.g. kz.usembassy.gov.';
COMMENT ON COLUMN statements_v.feed_id IS 'Feed it came from.';
COMMENT ON COLUMN statements_v.feed_title IS 'Title of that feed, e.g. U.S. Embassy & Consulate in Kazakhstan.';
COMMENT ON COLUMN statements_v.feed_country IS 'ISO 3166-1 alpha-2 code of the feed''s host country.';
COMMENT ON COLUMN statements_v.url IS 'Link of the statement page.';
COMMENT ON COLUMN statements_v.title IS 'Title.';
COMMENT ON COLUMN statements_v.doc_type IS 'Kind of document (see statements.doc_type).';
COMMENT ON COLUMN statements_v.published_at IS 'Publication time the feed gave.';
COMMENT ON COLUMN statements_v.release_date IS 'Release date written in the statement.';
COMMENT ON COLUMN statements_v.issuing_office IS 'Office named as issuer.';
COMMENT ON COLUMN statements_v.mission IS 'Embassy, consulate or mission that issued it.';
COMMENT ON COLUMN statements_v.language IS 'ISO 639-1 code of the text''s language.';
COMMENT ON COLUMN statements_v.word_count IS 'Words in body_text.';
COMMENT ON COLUMN statements_v.people IS 'People named, as a list of {name, title} structs ordered by name; empty when none.';
COMMENT ON COLUMN statements_v.countries IS 'ISO country codes it concerns, most mentioned first; empty when none.';
COMMENT ON COLUMN statements_v.topics IS 'Site categories and themes, distinct and sorted; empty when none.';
COMMENT ON COLUMN statements_v.event_dates IS 'Dates of events it mentions, sorted; empty when none.';
COMMENT ON COLUMN statements_v.quoted_text IS 'The Begin Text ... End Text block, else NULL.';
COMMENT ON COLUMN statements_v.body_text IS 'Plain text, one block element per line.';
COMMENT ON COLUMN statements_v.text_source IS 'Where the text came from: page, feed_content, feed_summary or api_content.';
COMMENT ON COLUMN statements_v.version IS 'Current version number (earlier ones are in statement_versions).';
COMMENT ON COLUMN statements_v.first_seen_at IS 'When govfeeds first loaded it.';
COMMENT ON COLUMN statements_v.updated_at IS 'When the current version was loaded.';
COMMENT ON COLUMN statements_v.copies IS 'Live statements of other sites that republish this one (their copy_of is its statement_id); 0 for a copy.';

-- One row per statement counted once: every live statement that is no copy (copy_of IS NULL), with
-- the sites that carried it (its own first, then those of its copies). Count here to count each
-- statement once however many missions reposted it; statements_v has one row per site's post.
CREATE OR REPLACE VIEW distinct_statements AS
SELECT
    v.* EXCLUDE (copy_of),
    list_concat([v.site], coalesce(k.copy_sites, CAST([] AS VARCHAR[]))) AS sites,
    coalesce(k.copy_ids, CAST([] AS VARCHAR[])) AS copy_ids
FROM statements_v AS v
LEFT JOIN (
    SELECT copy_of, list(DISTINCT site ORDER BY site) AS copy_sites, list(statement_id ORDER BY statement_id) AS copy_ids
    FROM statements WHERE deleted_at IS NULL AND copy_of IS NOT NULL GROUP BY copy_of
) AS k ON k.copy_of = v.statement_id
WHERE v.copy_of IS NULL;
COMMENT ON VIEW distinct_statements IS 'One row per live statement that is no copy of another site''s (statements.copy_of IS NULL), with every site that carried it: count here to count each statement once.';
COMMENT ON COLUMN distinct_statements.sites IS 'Sites that carried it: its own first, then those of its live copies, sorted.';
COMMENT ON COLUMN distinct_statements.copy_ids IS 'statement_id of each live copy; empty when no other site reposted it.';

-- Per feed: is it healthy, when was it last and next polled, how much it has given us.
CREATE OR REPLACE VIEW feed_health AS
SELECT
    f.feed_id,
    f.site,
    f.title,
    f.country,
    CASE
        WHEN f.last_polled_at IS NULL THEN 'never polled'
        WHEN f.gone_at IS NOT NULL THEN 'gone'
        WHEN f.suspect IS NOT NULL THEN 'suspect'
        WHEN f.consecutive_failures = 0 THEN 'healthy'
        WHEN f.consecutive_failures < 3 THEN 'degraded'
        ELSE 'failing'
    END AS health,
    coalesce(f.stale_after < now(), false) AS stale,
    f.url <> coalesce(f.registry_url, f.url) AS moved,
    f.url,
    coalesce(f.registry_url, f.url) AS registry_url,
    f.last_status,
    f.suspect,
    f.consecutive_failures,
    f.last_polled_at,
    f.last_success_at,
    f.next_poll_at,
    f.newest_entry_at,
    coalesce(s.statements, 0) AS statements,
    s.newest_published_at,
    s.newest_title,
    CASE
        WHEN f.gone_at IS NOT NULL THEN 'gone: the site answered 410 Gone on ' || strftime(f.gone_at, '%Y-%m-%d')
            || ' and it is no longer polled; remove it from deployments/feeds.toml, or run `govfeeds feeds reset ' || f.feed_id
            || '` if it is back'
        WHEN f.url <> coalesce(f.registry_url, f.url) THEN 'moved: update deployments/feeds.toml to ' || f.url
        WHEN f.suspect IS NOT NULL THEN 'suspect: ' || f.suspect || '; open ' || f.url
            || ' in a browser (stored statements are kept; the feed is retried after its backoff)'
        WHEN f.stale_after < now() THEN 'stale: nothing posted since ' || strftime(f.newest_entry_at, '%Y-%m-%d')
            || '; check the site still publishes here (`govfeeds feeds discover ' || f.url || '`)'
    END AS what_to_do
FROM feeds AS f
LEFT JOIN (
    SELECT feed_id, count(*) AS statements, max(published_at) AS newest_published_at,
           arg_max(title, coalesce(published_at, first_seen_at)) AS newest_title
    FROM statements WHERE deleted_at IS NULL GROUP BY feed_id
) AS s ON s.feed_id = f.feed_id;
COMMENT ON VIEW feed_health IS 'One row per feed: health, last status, consecutive failures, last and next poll, live statements and the newest one.';
COMMENT ON COLUMN feed_health.feed_id IS 'Registry feed id.';
COMMENT ON COLUMN feed_health.site IS 'Host that publishes the feed.';
COMMENT ON COLUMN feed_health.title IS 'Feed title from the registry.';
COMMENT ON COLUMN feed_health.country IS 'ISO 3166-1 alpha-2 code of the mission''s host country.';
COMMENT ON COLUMN feed_health.health IS 'healthy (last poll succeeded), degraded (1-2 failures in a row), failing (3 or more), suspect (a 200 that was no usable feed), gone (410: no longer polled) or never polled.';
COMMENT ON COLUMN feed_health.stale IS 'True when the feed has posted nothing for several times its usual gap (and at least a few days): feeds.stale_after has passed.';
COMMENT ON COLUMN feed_health.moved IS 'True when a permanent redirect moved the feed''s effective URL away from the registry''s.';
COMMENT ON COLUMN feed_health.url IS 'Effective URL polled.';
COMMENT ON COLUMN feed_health.registry_url IS 'URL the registry gives.';
COMMENT ON COLUMN feed_health.suspect IS 'Why the last answer was not a usable feed though it was a 200, else NULL.';
COMMENT ON COLUMN feed_health.newest_entry_at IS 'Publication time of the newest entry the feed listed.';
COMMENT ON COLUMN feed_health.what_to_do IS 'For a gone, moved, suspect or stale feed: what it means and what to do; else NULL.';
COMMENT ON COLUMN feed_health.last_status IS 'Outcome of the last poll, or its error text.';
COMMENT ON COLUMN feed_health.consecutive_failures IS 'Failed polls in a row.';
COMMENT ON COLUMN feed_health.last_polled_at IS 'When the feed was last requested.';
COMMENT ON COLUMN feed_health.last_success_at IS 'When the feed last answered usefully.';
COMMENT ON COLUMN feed_health.next_poll_at IS 'When the feed is next due, if a schedule set it.';
COMMENT ON COLUMN feed_health.statements IS 'Live statements loaded from this feed.';
COMMENT ON COLUMN feed_health.newest_published_at IS 'Publication time of its newest live statement.';
COMMENT ON COLUMN feed_health.newest_title IS 'Title of its newest live statement (by publication time, else first sighting).';

-- Live statements per UTC day of publication (first sighting when the feed gave no date), site and type.
CREATE OR REPLACE VIEW daily_counts AS
SELECT
    CAST(timezone('UTC', coalesce(published_at, first_seen_at)) AS DATE) AS day,
    site,
    coalesce(doc_type, 'unknown') AS doc_type,
    count(*) AS statements,
    count(*) FILTER (WHERE copy_of IS NULL) AS originals
FROM statements
WHERE deleted_at IS NULL
GROUP BY 1, 2, 3;
COMMENT ON VIEW daily_counts IS 'Live statements per UTC day of publication, site and doc_type (first sighting stands in when the feed gave no date). statements counts copies: a statement three missions reposted counts once per site; originals counts it only where first published (see distinct_statements).';
COMMENT ON COLUMN daily_counts.day IS 'UTC day of published_at (first_seen_at when published_at is NULL).';
COMMENT ON COLUMN daily_counts.site IS 'Host that published the statements.';
COMMENT ON COLUMN daily_counts.doc_type IS 'Kind of document; unknown when not enriched.';
COMMENT ON COLUMN daily_counts.statements IS 'Number of live statements, copies of other sites'' statements included.';
COMMENT ON COLUMN daily_counts.originals IS 'Number of those that are no copy (statements.copy_of IS NULL): summed over sites, each statement once.';

-- Per site: what the site lists against what is held here (filled by reconciliation).
CREATE OR REPLACE VIEW site_coverage AS
WITH held AS (
    SELECT site,
           count(*) FILTER (WHERE deleted_at IS NULL) AS held_live,
           count(*) FILTER (WHERE deleted_at IS NOT NULL) AS held_deleted
    FROM statements GROUP BY site
)
SELECT coalesce(l.site, h.site) AS site,
       l.listed AS listed_by_site,
       coalesce(h.held_live, 0) AS held_live,
       coalesce(h.held_deleted, 0) AS held_deleted,
       l.listed - coalesce(h.held_live, 0) AS gap,
       l.source AS listing_source,
       l.checked_at
FROM site_listings l FULL OUTER JOIN held h ON h.site = l.site;
COMMENT ON VIEW site_coverage IS 'Per site: posts the site lists against live statements held here (filled by reconciliation).';
COMMENT ON COLUMN site_coverage.site IS 'Host, as statements.site.';
COMMENT ON COLUMN site_coverage.listed_by_site IS 'Posts the site lists at the last reconciliation; NULL when never reconciled or unlisted.';
COMMENT ON COLUMN site_coverage.held_live IS 'Live statements held for the site.';
COMMENT ON COLUMN site_coverage.held_deleted IS 'Statements of the site marked deleted at the source.';
COMMENT ON COLUMN site_coverage.gap IS 'listed_by_site - held_live: positive when the site lists posts not held (run a backfill); negative when we hold items the site does not list (e.g. pages on other hosts).';
COMMENT ON COLUMN site_coverage.listing_source IS 'rest, sitemap or none.';
COMMENT ON COLUMN site_coverage.checked_at IS 'When the site was last reconciled.';
