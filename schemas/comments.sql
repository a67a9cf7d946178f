-- What every table, view and column means. Applied after ddl.sql and views.sql on every read-write
-- open, so SQL tools (DBeaver, harlequin, `duckdb_columns()`) show it, and the README's table
-- reference is generated from it (`govfeeds schema --readme`). tests/test_comments.py fails when a
-- table, view or column has no comment here. Times are TIMESTAMPTZ (instants); dates are DATE.

-- feeds -------------------------------------------------------------------------------------------
COMMENT ON TABLE feeds IS 'One row per registry feed (deployments/feeds.toml) that has been polled, with the state the next poll needs.';
COMMENT ON COLUMN feeds.feed_id IS 'Stable id from the registry, e.g. usembassy-kz. Never renamed.';
COMMENT ON COLUMN feeds.url IS 'The RSS/Atom feed URL polled.';
COMMENT ON COLUMN feeds.site IS 'Host (or registry site name) that publishes the feed, e.g. kz.usembassy.gov.';
COMMENT ON COLUMN feeds.title IS 'Human title from the registry, e.g. U.S. Embassy & Consulate in Kazakhstan.';
COMMENT ON COLUMN feeds.country IS 'ISO 3166-1 alpha-2 code of the mission''s host country, from the registry.';
COMMENT ON COLUMN feeds.language IS 'ISO 639-1 code of the feed''s usual language, from the registry.';
COMMENT ON COLUMN feeds.etag IS 'ETag of the last successful response, sent back as If-None-Match.';
COMMENT ON COLUMN feeds.last_modified IS 'Last-Modified of the last successful response, sent back as If-Modified-Since.';
COMMENT ON COLUMN feeds.last_body_sha256 IS 'SHA-256 of the last feed body: an identical body costs no parse.';
COMMENT ON COLUMN feeds.last_polled_at IS 'When the feed was last requested, whatever the outcome.';
COMMENT ON COLUMN feeds.last_success_at IS 'When the feed last answered usefully (ok, not_modified or unchanged).';
COMMENT ON COLUMN feeds.last_status IS 'Outcome of the last poll: ok, not_modified, unchanged, or the error text of a failure.';
COMMENT ON COLUMN feeds.consecutive_failures IS 'Failed polls in a row; 0 after any success.';
COMMENT ON COLUMN feeds.next_poll_at IS 'When the feed is next due to be polled; NULL when no schedule has set it.';

-- statements ----------------------------------------------------------------------------------------
COMMENT ON TABLE statements IS 'One row per statement (press release, alert, remarks...), its current version and its enrichment. Deleted statements keep their row with deleted_at set; statements_v hides them.';
COMMENT ON COLUMN statements.statement_id IS 'Stable id: hash of the site and the canonical GUID and link (24 hex characters).';
COMMENT ON COLUMN statements.feed_id IS 'Feed it was first loaded from (feeds.feed_id).';
COMMENT ON COLUMN statements.site IS 'Host that published it, e.g. kz.usembassy.gov.';
COMMENT ON COLUMN statements.url IS 'Link of the statement page as the feed gave it.';
COMMENT ON COLUMN statements.guid IS 'GUID as the feed gave it (not unique: some feeds reuse GUIDs).';
COMMENT ON COLUMN statements.title IS 'Title, entities decoded and whitespace folded.';
COMMENT ON COLUMN statements.published_at IS 'Publication time the feed gave (pubDate), if any.';
COMMENT ON COLUMN statements.first_seen_at IS 'When govfeeds first loaded it.';
COMMENT ON COLUMN statements.updated_at IS 'When the current version was loaded (= first_seen_at for version 1).';
COMMENT ON COLUMN statements.version IS 'Version number, 1 at first sighting, +1 each time the title or text changes (see statement_versions).';
COMMENT ON COLUMN statements.body_text IS 'Plain text of the statement, one block element per line.';
COMMENT ON COLUMN statements.content_sha256 IS 'SHA-256 of title and body_text: a change makes a new version.';
COMMENT ON COLUMN statements.item_sha256 IS 'Fingerprint of the feed entry: an unchanged entry is skipped before its page is fetched.';
COMMENT ON COLUMN statements.text_source IS 'Where body_text came from: page (the statement page), feed_content, feed_summary, or api_content (the WordPress REST API, during backfills).';
COMMENT ON COLUMN statements.page_sha256 IS 'SHA-256 of the fetched page (raw_documents.sha256) when text_source is page.';
COMMENT ON COLUMN statements.page_error IS 'Why the page was not used (refused host, HTTP error, no text), else NULL.';
COMMENT ON COLUMN statements.categories IS 'The site''s categories for it, as the feed gave them.';
COMMENT ON COLUMN statements.deleted_at IS 'When it was found deleted at the source; NULL while live.';
COMMENT ON COLUMN statements.doc_type IS 'Kind of document: press_release, media_note, joint_statement, readout, remarks, fact_sheet, security_alert, health_alert, travel_advisory, visa_notice, press_statement, other.';
COMMENT ON COLUMN statements.issuing_office IS 'Office named as issuer in the header, e.g. Office of the Spokesperson.';
COMMENT ON COLUMN statements.release_date IS 'Release date written in the statement (header or dateline), else NULL.';
COMMENT ON COLUMN statements.mission IS 'Embassy, consulate or mission that issued it, e.g. U.S. Embassy Astana.';
COMMENT ON COLUMN statements.quoted_text IS 'The block between Begin Text and End Text, else NULL.';
COMMENT ON COLUMN statements.language IS 'ISO 639-1 code of the text''s language, detected.';
COMMENT ON COLUMN statements.word_count IS 'Words in body_text.';
COMMENT ON COLUMN statements.enriched_at IS 'When the enrichment columns and rows were last computed.';
COMMENT ON COLUMN statements.enricher_version IS 'Version of the enrichment rules that computed them.';

-- statement_versions ----------------------------------------------------------------------------------
COMMENT ON TABLE statement_versions IS 'Every version of every statement: version 1 at first sighting, one more row each time the title or text changed.';
COMMENT ON COLUMN statement_versions.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN statement_versions.version IS 'Version number, from 1.';
COMMENT ON COLUMN statement_versions.title IS 'Title in this version.';
COMMENT ON COLUMN statement_versions.body_text IS 'Plain text in this version.';
COMMENT ON COLUMN statement_versions.content_sha256 IS 'SHA-256 of title and body_text in this version.';
COMMENT ON COLUMN statement_versions.seen_at IS 'When this version was loaded.';

-- raw_documents -----------------------------------------------------------------------------------------
COMMENT ON TABLE raw_documents IS 'Every fetched body (feed documents and statement pages), content-addressed, so enrichment can be re-run offline.';
COMMENT ON COLUMN raw_documents.sha256 IS 'SHA-256 of body: the key.';
COMMENT ON COLUMN raw_documents.url IS 'URL it was first fetched from.';
COMMENT ON COLUMN raw_documents.fetched_at IS 'When it was first fetched.';
COMMENT ON COLUMN raw_documents.content_type IS 'Content-Type header of the response.';
COMMENT ON COLUMN raw_documents.body IS 'The bytes as received.';

-- fetch_log ---------------------------------------------------------------------------------------------
COMMENT ON TABLE fetch_log IS 'One row per HTTP request made (feed or page), successful or not.';
COMMENT ON COLUMN fetch_log.feed_id IS 'Feed the request was made for.';
COMMENT ON COLUMN fetch_log.url IS 'URL requested.';
COMMENT ON COLUMN fetch_log.requested_at IS 'When the request started.';
COMMENT ON COLUMN fetch_log.status_code IS 'HTTP status, NULL when no response came (timeout, connection error).';
COMMENT ON COLUMN fetch_log.bytes IS 'Body bytes received.';
COMMENT ON COLUMN fetch_log.elapsed_ms IS 'Milliseconds from request to the end of the body.';
COMMENT ON COLUMN fetch_log.error IS 'What went wrong, else NULL.';
COMMENT ON COLUMN fetch_log.kind IS 'feed (the feed document) or page (a statement page).';

-- rejects -----------------------------------------------------------------------------------------------
COMMENT ON TABLE rejects IS 'Input that did not become a statement, with the stage and the reason: nothing is dropped silently.';
COMMENT ON COLUMN rejects.feed_id IS 'Feed the input came from.';
COMMENT ON COLUMN rejects.item_key IS 'Which entry (GUID, link or title), when the input was an entry.';
COMMENT ON COLUMN rejects.stage IS 'Stage that rejected it, e.g. parse, validate, extract or enrich.';
COMMENT ON COLUMN rejects.reason IS 'Why, in words.';
COMMENT ON COLUMN rejects.detail IS 'More detail (the validation error, a snippet), when there is any.';
COMMENT ON COLUMN rejects.seen_at IS 'When it was rejected.';

-- enrichment rows -----------------------------------------------------------------------------------------
COMMENT ON TABLE statement_people IS 'People named in a statement, with the title the statement gives them (statements_v.people folds these).';
COMMENT ON COLUMN statement_people.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN statement_people.name IS 'Name as written, e.g. Daniel N. Rosenblum.';
COMMENT ON COLUMN statement_people.title IS 'Title as written beside the name, e.g. U.S. Ambassador to Kazakhstan; NULL when none.';

COMMENT ON TABLE statement_countries IS 'Countries a statement concerns, with how often each is mentioned (statements_v.countries folds these).';
COMMENT ON COLUMN statement_countries.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN statement_countries.country_code IS 'ISO 3166-1 alpha-2 code (XK for Kosovo).';
COMMENT ON COLUMN statement_countries.mentions IS 'Mentions of the country, its people or its capital in the text.';

COMMENT ON TABLE statement_dates IS 'Dates of events a statement mentions (statements_v.event_dates folds these).';
COMMENT ON COLUMN statement_dates.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN statement_dates.event_date IS 'A date the text gives for an event (meeting, demonstration, deadline).';

COMMENT ON TABLE statement_topics IS 'Topics of a statement: the site''s own categories and the controlled-vocabulary themes (statements_v.topics folds these).';
COMMENT ON COLUMN statement_topics.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN statement_topics.topic IS 'Topic name: a site category as written, or a theme from docs/themes.md.';
COMMENT ON COLUMN statement_topics.source IS 'feed (a site category) or theme (assigned by the enrichment rules).';

-- loads -------------------------------------------------------------------------------------------------
COMMENT ON TABLE schema_state IS 'Which version of the schema, views and comments this file has; the pipeline re-applies them only when it changes.';
COMMENT ON COLUMN schema_state.sha256 IS 'Hash of the DDL, views and comments last applied.';
COMMENT ON COLUMN schema_state.applied_at IS 'When they were applied.';
COMMENT ON TABLE loads IS 'One row per feed batch loaded: a batch id seen twice is not loaded again.';
COMMENT ON COLUMN loads.batch_id IS 'Id of the spooled batch.';
COMMENT ON COLUMN loads.feed_id IS 'Feed the batch is for.';
COMMENT ON COLUMN loads.polled_at IS 'When the feed was polled for this batch.';
COMMENT ON COLUMN loads.loaded_at IS 'When the batch''s transaction committed.';
COMMENT ON COLUMN loads.outcome IS 'Outcome of the poll: ok, not_modified, unchanged or failed.';
COMMENT ON COLUMN loads.new_count IS 'Statements the batch added.';
COMMENT ON COLUMN loads.updated_count IS 'Statements the batch gave a new version.';
COMMENT ON COLUMN loads.reject_count IS 'Rejects the batch recorded.';

-- views (schemas/views.sql) -----------------------------------------------------------------------------
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

COMMENT ON VIEW feed_health IS 'One row per feed: health, last status, consecutive failures, last and next poll, live statements and the newest one.';
COMMENT ON COLUMN feed_health.feed_id IS 'Registry feed id.';
COMMENT ON COLUMN feed_health.site IS 'Host that publishes the feed.';
COMMENT ON COLUMN feed_health.title IS 'Feed title from the registry.';
COMMENT ON COLUMN feed_health.country IS 'ISO 3166-1 alpha-2 code of the mission''s host country.';
COMMENT ON COLUMN feed_health.health IS 'healthy (last poll succeeded), degraded (1-2 failures in a row), failing (3 or more) or never polled.';
COMMENT ON COLUMN feed_health.last_status IS 'Outcome of the last poll, or its error text.';
COMMENT ON COLUMN feed_health.consecutive_failures IS 'Failed polls in a row.';
COMMENT ON COLUMN feed_health.last_polled_at IS 'When the feed was last requested.';
COMMENT ON COLUMN feed_health.last_success_at IS 'When the feed last answered usefully.';
COMMENT ON COLUMN feed_health.next_poll_at IS 'When the feed is next due, if a schedule set it.';
COMMENT ON COLUMN feed_health.statements IS 'Live statements loaded from this feed.';
COMMENT ON COLUMN feed_health.newest_published_at IS 'Publication time of its newest live statement.';
COMMENT ON COLUMN feed_health.newest_title IS 'Title of its newest live statement (by publication time, else first sighting).';

COMMENT ON VIEW daily_counts IS 'Live statements per UTC day of publication, site and doc_type (first sighting stands in when the feed gave no date).';
COMMENT ON COLUMN daily_counts.day IS 'UTC day of published_at (first_seen_at when published_at is NULL).';
COMMENT ON COLUMN daily_counts.site IS 'Host that published the statements.';
COMMENT ON COLUMN daily_counts.doc_type IS 'Kind of document; unknown when not enriched.';
COMMENT ON COLUMN daily_counts.statements IS 'Number of live statements.';
