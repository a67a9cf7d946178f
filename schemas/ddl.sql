-- govfeeds DuckDB schema: every table is declared here once, with its comments right after it.
-- Analysts and other tools depend on these names: add tables and columns freely, rename none.
-- Every statement is idempotent. The loader derives its Arrow schemas and column lists from these
-- tables (govfeeds.store.tables), so a new column needs no other declaration. SQL tools
-- (DBeaver, harlequin, `duckdb_columns()`) show the comments, the README's table reference is
-- generated from them (`govfeeds schema --readme`), and tests/test_comments.py fails when a
-- table, view or column has none. Times are TIMESTAMPTZ (instants); dates are DATE.

CREATE TABLE IF NOT EXISTS feeds (
    feed_id              VARCHAR PRIMARY KEY,
    url                  VARCHAR NOT NULL,
    site                 VARCHAR NOT NULL,
    title                VARCHAR,
    country              VARCHAR,
    language             VARCHAR,
    etag                 VARCHAR,
    last_modified        VARCHAR,
    last_body_sha256     VARCHAR,
    last_polled_at       TIMESTAMPTZ,
    last_success_at      TIMESTAMPTZ,
    last_status          VARCHAR,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_poll_at         TIMESTAMPTZ,
    registry_url         VARCHAR,
    gone_at              TIMESTAMPTZ,
    suspect              VARCHAR,
    redirect_url         VARCHAR,
    redirect_status      INTEGER,
    redirect_polls       INTEGER,
    last_entries         INTEGER,
    entry_gap_seconds    DOUBLE,
    newest_entry_at      TIMESTAMPTZ,
    hint_seconds         DOUBLE,
    stale_after          TIMESTAMPTZ,
    stale_announced_at   TIMESTAMPTZ
);
-- Files written before the feed lifecycle (issue 15) get its columns.
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS registry_url VARCHAR;
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS gone_at TIMESTAMPTZ;
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS suspect VARCHAR;
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS redirect_url VARCHAR;
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS redirect_status INTEGER;
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS redirect_polls INTEGER;
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS last_entries INTEGER;
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS entry_gap_seconds DOUBLE;
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS newest_entry_at TIMESTAMPTZ;
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS hint_seconds DOUBLE;
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS stale_after TIMESTAMPTZ;
ALTER TABLE feeds ADD COLUMN IF NOT EXISTS stale_announced_at TIMESTAMPTZ;
COMMENT ON TABLE feeds IS 'One row per registry feed (deployments/feeds.toml) that has been polled, with the state the next poll needs.';
COMMENT ON COLUMN feeds.feed_id IS 'Stable id from the registry, e.g. usembassy-kz. Never renamed.';
COMMENT ON COLUMN feeds.url IS 'The RSS/Atom feed URL polled: the effective URL, which differs from registry_url after a permanent move (see feed_url_changes).';
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
COMMENT ON COLUMN feeds.next_poll_at IS 'When the feed is next due: after a success, learned from its entry gaps and its server''s hints; after a failure, its backoff; NULL when gone or never scheduled.';
COMMENT ON COLUMN feeds.registry_url IS 'The URL the registry gives for the feed; changing it there resets the feed (gone, move, backoff).';
COMMENT ON COLUMN feeds.gone_at IS 'When the feed answered 410 Gone: no poll requests it until `govfeeds feeds reset ID` or a new registry URL; else NULL.';
COMMENT ON COLUMN feeds.suspect IS 'Why the last answer, a 200, was not a usable feed (an HTML page, a feed suddenly empty); NULL after a good poll.';
COMMENT ON COLUMN feeds.redirect_url IS 'Where the feed permanently redirected (301/308 to a working feed on an allowed host) on its last polls; NULL when it did not.';
COMMENT ON COLUMN feeds.redirect_status IS 'Status of that redirect (301 or 308).';
COMMENT ON COLUMN feeds.redirect_polls IS 'Polls in a row answered with that same redirect; at 3 the feed moves (url becomes redirect_url).';
COMMENT ON COLUMN feeds.last_entries IS 'Entries the last parsed feed body listed.';
COMMENT ON COLUMN feeds.entry_gap_seconds IS 'The feed''s usual gap between entries: median of its newest entries'' publication gaps, in seconds.';
COMMENT ON COLUMN feeds.newest_entry_at IS 'Publication time of the newest entry the feed listed.';
COMMENT ON COLUMN feeds.hint_seconds IS 'Polling interval the feed document asks for (RSS ttl, sy:updatePeriod), in seconds.';
COMMENT ON COLUMN feeds.stale_after IS 'When the feed counts as stale if it posts nothing more: newest_entry_at plus several usual gaps (at least a few days).';
COMMENT ON COLUMN feeds.stale_announced_at IS 'When the govfeeds.feed.stale event was emitted for its current silence; NULL when none was.';

CREATE TABLE IF NOT EXISTS feed_url_changes (
    feed_id     VARCHAR NOT NULL,
    old_url     VARCHAR NOT NULL,
    new_url     VARCHAR NOT NULL,
    status_code INTEGER NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE feed_url_changes IS 'Each permanent move of a feed: the same 301/308 to a working feed on 3 polls in a row moved its effective URL (feeds.url). The registry is never rewritten.';
COMMENT ON COLUMN feed_url_changes.feed_id IS 'The feed (feeds.feed_id).';
COMMENT ON COLUMN feed_url_changes.old_url IS 'Effective URL before the move.';
COMMENT ON COLUMN feed_url_changes.new_url IS 'Effective URL after the move.';
COMMENT ON COLUMN feed_url_changes.status_code IS 'The redirect''s status: 301 or 308.';
COMMENT ON COLUMN feed_url_changes.changed_at IS 'When the poll that moved it ran.';

CREATE TABLE IF NOT EXISTS statements (
    statement_id     VARCHAR PRIMARY KEY,
    feed_id          VARCHAR NOT NULL,
    site             VARCHAR NOT NULL,
    url              VARCHAR,
    guid             VARCHAR,
    title            VARCHAR NOT NULL,
    published_at     TIMESTAMPTZ,
    first_seen_at    TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    version          INTEGER NOT NULL,
    body_text        VARCHAR NOT NULL,
    content_sha256   VARCHAR NOT NULL,
    item_sha256      VARCHAR NOT NULL,
    text_source      VARCHAR NOT NULL,
    page_sha256      VARCHAR,
    page_error       VARCHAR,
    categories       VARCHAR[],
    deleted_at       TIMESTAMPTZ,
    doc_type         VARCHAR,
    issuing_office   VARCHAR,
    release_date     DATE,
    mission          VARCHAR,
    quoted_text      VARCHAR,
    language         VARCHAR,
    word_count       INTEGER,
    quoted_word_count INTEGER,
    enriched_at      TIMESTAMPTZ,
    enricher_version VARCHAR,
    copy_of          VARCHAR
);
-- Files written before these columns existed get them.
ALTER TABLE statements ADD COLUMN IF NOT EXISTS copy_of VARCHAR;
ALTER TABLE statements ADD COLUMN IF NOT EXISTS quoted_word_count INTEGER;
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
COMMENT ON COLUMN statements.quoted_word_count IS 'Words in quoted_text (the Begin Text ... End Text block); NULL when there is none.';
COMMENT ON COLUMN statements.enriched_at IS 'When the enrichment columns and rows were last computed.';
COMMENT ON COLUMN statements.enricher_version IS 'Version of the enrichment rules that computed them.';
COMMENT ON COLUMN statements.copy_of IS 'statement_id of the earliest-published statement of another site that this one republishes (a repost under another byline, header and footer lines or a sentence added); NULL for originals. Evidence in statement_copies; distinct_statements counts each statement once.';

CREATE TABLE IF NOT EXISTS statement_versions (
    statement_id   VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    title          VARCHAR NOT NULL,
    body_text      VARCHAR NOT NULL,
    content_sha256 VARCHAR NOT NULL,
    seen_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (statement_id, version)
);
COMMENT ON TABLE statement_versions IS 'Every version of every statement: version 1 at first sighting, one more row each time the title or text changed.';
COMMENT ON COLUMN statement_versions.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN statement_versions.version IS 'Version number, from 1.';
COMMENT ON COLUMN statement_versions.title IS 'Title in this version.';
COMMENT ON COLUMN statement_versions.body_text IS 'Plain text in this version.';
COMMENT ON COLUMN statement_versions.content_sha256 IS 'SHA-256 of title and body_text in this version.';
COMMENT ON COLUMN statement_versions.seen_at IS 'When this version was loaded.';

CREATE TABLE IF NOT EXISTS raw_documents (
    sha256       VARCHAR PRIMARY KEY,
    url          VARCHAR NOT NULL,
    fetched_at   TIMESTAMPTZ NOT NULL,
    content_type VARCHAR,
    body         BLOB NOT NULL
);
COMMENT ON TABLE raw_documents IS 'Every fetched body (feed documents and statement pages), content-addressed, so enrichment can be re-run offline.';
COMMENT ON COLUMN raw_documents.sha256 IS 'SHA-256 of body: the key.';
COMMENT ON COLUMN raw_documents.url IS 'URL it was first fetched from.';
COMMENT ON COLUMN raw_documents.fetched_at IS 'When it was first fetched.';
COMMENT ON COLUMN raw_documents.content_type IS 'Content-Type header of the response.';
COMMENT ON COLUMN raw_documents.body IS 'The bytes as received.';

CREATE TABLE IF NOT EXISTS fetch_log (
    feed_id      VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    status_code  INTEGER,
    bytes        BIGINT,
    elapsed_ms   DOUBLE,
    error        VARCHAR,
    kind         VARCHAR
);
COMMENT ON TABLE fetch_log IS 'One row per HTTP request made (feed or page), successful or not.';
COMMENT ON COLUMN fetch_log.feed_id IS 'Feed the request was made for.';
COMMENT ON COLUMN fetch_log.url IS 'URL requested.';
COMMENT ON COLUMN fetch_log.requested_at IS 'When the request started.';
COMMENT ON COLUMN fetch_log.status_code IS 'HTTP status, NULL when no response came (timeout, connection error).';
COMMENT ON COLUMN fetch_log.bytes IS 'Body bytes received.';
COMMENT ON COLUMN fetch_log.elapsed_ms IS 'Milliseconds from request to the end of the body.';
COMMENT ON COLUMN fetch_log.error IS 'What went wrong, else NULL.';
COMMENT ON COLUMN fetch_log.kind IS 'feed (the feed document) or page (a statement page).';

CREATE TABLE IF NOT EXISTS rejects (
    feed_id  VARCHAR NOT NULL,
    item_key VARCHAR,
    stage    VARCHAR NOT NULL,
    reason   VARCHAR NOT NULL,
    detail   VARCHAR,
    seen_at  TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE rejects IS 'Input that did not become a statement, with the stage and the reason: nothing is dropped silently.';
COMMENT ON COLUMN rejects.feed_id IS 'Feed the input came from.';
COMMENT ON COLUMN rejects.item_key IS 'Which entry (GUID, link or title), when the input was an entry.';
COMMENT ON COLUMN rejects.stage IS 'Stage that rejected it, e.g. parse, validate, extract or enrich.';
COMMENT ON COLUMN rejects.reason IS 'Why, in words.';
COMMENT ON COLUMN rejects.detail IS 'More detail (the validation error, a snippet), when there is any.';
COMMENT ON COLUMN rejects.seen_at IS 'When it was rejected.';

CREATE TABLE IF NOT EXISTS statement_people (
    statement_id VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    title        VARCHAR
);
COMMENT ON TABLE statement_people IS 'People named in a statement, with the title the statement gives them (statements_v.people folds these).';
COMMENT ON COLUMN statement_people.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN statement_people.name IS 'Name as written, e.g. Daniel N. Rosenblum.';
COMMENT ON COLUMN statement_people.title IS 'Title as written beside the name, e.g. U.S. Ambassador to Kazakhstan; NULL when none.';

CREATE TABLE IF NOT EXISTS statement_countries (
    statement_id VARCHAR NOT NULL,
    country_code VARCHAR NOT NULL,
    mentions     INTEGER NOT NULL
);
COMMENT ON TABLE statement_countries IS 'Countries a statement concerns, with how often each is mentioned (statements_v.countries folds these).';
COMMENT ON COLUMN statement_countries.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN statement_countries.country_code IS 'ISO 3166-1 alpha-2 code (XK for Kosovo).';
COMMENT ON COLUMN statement_countries.mentions IS 'Mentions of the country, its people or its capital in the text.';

CREATE TABLE IF NOT EXISTS statement_dates (
    statement_id VARCHAR NOT NULL,
    event_date   DATE NOT NULL
);
COMMENT ON TABLE statement_dates IS 'Dates of events a statement mentions (statements_v.event_dates folds these).';
COMMENT ON COLUMN statement_dates.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN statement_dates.event_date IS 'A date the text gives for an event (meeting, demonstration, deadline).';

CREATE TABLE IF NOT EXISTS statement_topics (
    statement_id VARCHAR NOT NULL,
    topic        VARCHAR NOT NULL,
    source       VARCHAR NOT NULL
);
COMMENT ON TABLE statement_topics IS 'Topics of a statement: the site''s own categories and the controlled-vocabulary themes (statements_v.topics folds these).';
COMMENT ON COLUMN statement_topics.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN statement_topics.topic IS 'Topic name: a site category as written, or a theme from docs/themes.md.';
COMMENT ON COLUMN statement_topics.source IS 'feed (a site category) or theme (assigned by the enrichment rules).';

CREATE TABLE IF NOT EXISTS schema_state (
    sha256     VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE schema_state IS 'Which version of the schema, views and comments this file has; the pipeline re-applies them only when it changes.';
COMMENT ON COLUMN schema_state.sha256 IS 'Hash of the DDL, views and comments last applied.';
COMMENT ON COLUMN schema_state.applied_at IS 'When they were applied.';

CREATE TABLE IF NOT EXISTS loads (
    batch_id      VARCHAR PRIMARY KEY,
    feed_id       VARCHAR NOT NULL,
    polled_at     TIMESTAMPTZ NOT NULL,
    loaded_at     TIMESTAMPTZ NOT NULL,
    outcome       VARCHAR NOT NULL,
    new_count     INTEGER NOT NULL,
    updated_count INTEGER NOT NULL,
    reject_count  INTEGER NOT NULL
);
COMMENT ON TABLE loads IS 'One row per feed batch loaded: a batch id seen twice is not loaded again.';
COMMENT ON COLUMN loads.batch_id IS 'Id of the spooled batch.';
COMMENT ON COLUMN loads.feed_id IS 'Feed the batch is for.';
COMMENT ON COLUMN loads.polled_at IS 'When the feed was polled for this batch.';
COMMENT ON COLUMN loads.loaded_at IS 'When the batch''s transaction committed.';
COMMENT ON COLUMN loads.outcome IS 'Outcome of the poll: ok, not_modified, unchanged or failed.';
COMMENT ON COLUMN loads.new_count IS 'Statements the batch added.';
COMMENT ON COLUMN loads.updated_count IS 'Statements the batch gave a new version.';
COMMENT ON COLUMN loads.reject_count IS 'Rejects the batch recorded.';

-- Deployments, backfills and events.

CREATE TABLE IF NOT EXISTS alerts (
    statement_id VARCHAR PRIMARY KEY,
    doc_type     VARCHAR NOT NULL,
    feed_id      VARCHAR,
    title        VARCHAR,
    url          VARCHAR,
    countries    VARCHAR[],
    event_id     VARCHAR,
    recorded_at  TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE alerts IS 'One row per security alert, health alert or travel advisory, recorded by the alerts deployment when the govfeeds.statement.created event arrives.';
COMMENT ON COLUMN alerts.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN alerts.doc_type IS 'security_alert, health_alert or travel_advisory.';
COMMENT ON COLUMN alerts.feed_id IS 'Feed the statement came from.';
COMMENT ON COLUMN alerts.title IS 'Title of the statement when the alert was recorded.';
COMMENT ON COLUMN alerts.url IS 'Link of the statement page.';
COMMENT ON COLUMN alerts.countries IS 'ISO codes of the countries it concerns, most mentioned first.';
COMMENT ON COLUMN alerts.event_id IS 'Id of the Prefect event that triggered the alert, when it came from one.';
COMMENT ON COLUMN alerts.recorded_at IS 'When the alert was recorded.';

CREATE TABLE IF NOT EXISTS feed_alerts (
    feed_id         VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    since           TIMESTAMPTZ NOT NULL,
    newest_entry_at TIMESTAMPTZ,
    event_id        VARCHAR,
    recorded_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (feed_id, kind, since)
);
COMMENT ON TABLE feed_alerts IS 'One row per feed that went stale, recorded by the alerts deployment when the govfeeds.feed.stale event arrives.';
COMMENT ON COLUMN feed_alerts.feed_id IS 'The feed (feeds.feed_id).';
COMMENT ON COLUMN feed_alerts.kind IS 'What happened: stale (posted nothing for several usual gaps).';
COMMENT ON COLUMN feed_alerts.since IS 'When it became so (feeds.stale_after); a later silence of the same feed is a new row.';
COMMENT ON COLUMN feed_alerts.newest_entry_at IS 'Publication time of its newest entry then.';
COMMENT ON COLUMN feed_alerts.event_id IS 'Id of the Prefect event that triggered the record, when it came from one.';
COMMENT ON COLUMN feed_alerts.recorded_at IS 'When it was recorded.';

CREATE TABLE IF NOT EXISTS backfill_checkpoints (
    feed_id      VARCHAR NOT NULL,
    window_key   VARCHAR NOT NULL,
    method       VARCHAR NOT NULL,
    walk_before  TIMESTAMPTZ NOT NULL,
    next_page    INTEGER NOT NULL,
    total_pages  INTEGER,
    done         BOOLEAN NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (feed_id, window_key)
);
COMMENT ON TABLE backfill_checkpoints IS 'Where each backfill of a feed got to, so a killed backfill continues from there on the next call.';
COMMENT ON COLUMN backfill_checkpoints.feed_id IS 'Feed being backfilled.';
COMMENT ON COLUMN backfill_checkpoints.window_key IS 'The requested window, since..until (until empty when open-ended).';
COMMENT ON COLUMN backfill_checkpoints.method IS 'How the history is walked: rest (WordPress REST API), paged_feed (/feed/?paged=N) or feed (only what the feed lists).';
COMMENT ON COLUMN backfill_checkpoints.walk_before IS 'Upper time bound frozen at the first call, so pages do not shift when new posts appear during a resumed walk.';
COMMENT ON COLUMN backfill_checkpoints.next_page IS 'First page not yet loaded.';
COMMENT ON COLUMN backfill_checkpoints.total_pages IS 'Pages the site reported (X-WP-TotalPages), when known.';
COMMENT ON COLUMN backfill_checkpoints.done IS 'True once every page is loaded; the next call for the same window walks again from page 1.';
COMMENT ON COLUMN backfill_checkpoints.updated_at IS 'When the checkpoint last moved.';

CREATE TABLE IF NOT EXISTS site_listings (
    site           VARCHAR PRIMARY KEY,
    listed         INTEGER,
    source         VARCHAR NOT NULL,
    checked_at     TIMESTAMPTZ NOT NULL,
    marked_deleted INTEGER NOT NULL,
    found_new      INTEGER NOT NULL,
    error          VARCHAR
);
COMMENT ON TABLE site_listings IS 'The last reconciliation of each site: how many posts the site itself lists, and what that changed here.';
COMMENT ON COLUMN site_listings.site IS 'Host, as statements.site.';
COMMENT ON COLUMN site_listings.listed IS 'Posts the site lists (REST X-WP-Total or the URLs of /wp-sitemap.xml); NULL when it offers neither.';
COMMENT ON COLUMN site_listings.source IS 'Where the listing came from: rest, sitemap or none.';
COMMENT ON COLUMN site_listings.checked_at IS 'When the site was last reconciled.';
COMMENT ON COLUMN site_listings.marked_deleted IS 'Statements that reconciliation marked deleted (gone from the listing).';
COMMENT ON COLUMN site_listings.found_new IS 'Statements that reconciliation found and loaded (backdated or missed posts).';
COMMENT ON COLUMN site_listings.error IS 'Why the listing failed or is partial, else NULL.';

-- Republished statements (issue 16): the evidence, and the index that finds candidates without
-- reading every statement (govfeeds/copies.py decides, govfeeds/store/copies.py keeps these).

CREATE TABLE IF NOT EXISTS statement_copies (
    statement_id VARCHAR PRIMARY KEY,
    copy_of      VARCHAR NOT NULL,
    similarity   DOUBLE NOT NULL,
    detected_at  TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE statement_copies IS 'One row per statement that is a copy (statements.copy_of set): which original, how similar, since when. A copy whose edit diverges loses its row.';
COMMENT ON COLUMN statement_copies.statement_id IS 'The copy (statements.statement_id).';
COMMENT ON COLUMN statement_copies.copy_of IS 'Its original (statements.statement_id), as statements.copy_of.';
COMMENT ON COLUMN statement_copies.similarity IS 'Share (0-1) of the smaller text that lies inside the other, counting only lines that are not their sites'' template (lines another statement of the same site also has), between the copy and the earliest statement it matched.';
COMMENT ON COLUMN statement_copies.detected_at IS 'When the copy was found (or its original last changed).';

CREATE TABLE IF NOT EXISTS copy_index (
    statement_id   VARCHAR PRIMARY KEY,
    site           VARCHAR NOT NULL,
    content_sha256 VARCHAR NOT NULL,
    indexed_at     TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE copy_index IS 'Which text of each statement copy detection has indexed: a statement whose content_sha256 differs (new or edited) is compared after the next load.';
COMMENT ON COLUMN copy_index.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN copy_index.site IS 'Its site, as statements.site.';
COMMENT ON COLUMN copy_index.content_sha256 IS 'statements.content_sha256 of the text indexed.';
COMMENT ON COLUMN copy_index.indexed_at IS 'When it was indexed.';

CREATE TABLE IF NOT EXISTS copy_bands (
    band_key     BIGINT NOT NULL,
    statement_id VARCHAR NOT NULL,
    site         VARCHAR NOT NULL
);
COMMENT ON TABLE copy_bands IS 'LSH band keys of each statement''s MinHash (32 bands of 4 of 128 permutations over 4-word shingles of its body): statements of other sites sharing a key are its candidate copies.';
COMMENT ON COLUMN copy_bands.band_key IS 'Hash of one band of the MinHash signature (band number included).';
COMMENT ON COLUMN copy_bands.statement_id IS 'The statement (statements.statement_id).';
COMMENT ON COLUMN copy_bands.site IS 'Its site: candidates come from other sites only.';

CREATE TABLE IF NOT EXISTS copy_lines (
    site         VARCHAR NOT NULL,
    line_key     BIGINT NOT NULL,
    statement_id VARCHAR NOT NULL
);
COMMENT ON TABLE copy_lines IS 'The lines of each statement, hashed per site: a line two statements of a site share is that site''s template (alert headings, boilerplate blocks, repost headers and footers) and does not count towards similarity.';
COMMENT ON COLUMN copy_lines.site IS 'The statement''s site.';
COMMENT ON COLUMN copy_lines.line_key IS 'Hash of the line''s words, lower-cased, digits and month names masked.';
COMMENT ON COLUMN copy_lines.statement_id IS 'The statement (statements.statement_id).';
