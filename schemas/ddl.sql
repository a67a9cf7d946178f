-- govfeeds DuckDB schema. Analysts and other tools depend on these names:
-- add tables and columns freely, rename none. Every statement is idempotent.

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
    next_poll_at         TIMESTAMPTZ
);

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
    enriched_at      TIMESTAMPTZ,
    enricher_version VARCHAR
);

CREATE TABLE IF NOT EXISTS statement_versions (
    statement_id   VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    title          VARCHAR NOT NULL,
    body_text      VARCHAR NOT NULL,
    content_sha256 VARCHAR NOT NULL,
    seen_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (statement_id, version)
);

CREATE TABLE IF NOT EXISTS raw_documents (
    sha256       VARCHAR PRIMARY KEY,
    url          VARCHAR NOT NULL,
    fetched_at   TIMESTAMPTZ NOT NULL,
    content_type VARCHAR,
    body         BLOB NOT NULL
);

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

CREATE TABLE IF NOT EXISTS rejects (
    feed_id  VARCHAR NOT NULL,
    item_key VARCHAR,
    stage    VARCHAR NOT NULL,
    reason   VARCHAR NOT NULL,
    detail   VARCHAR,
    seen_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS statement_people (
    statement_id VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    title        VARCHAR
);

CREATE TABLE IF NOT EXISTS statement_countries (
    statement_id VARCHAR NOT NULL,
    country_code VARCHAR NOT NULL,
    mentions     INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS statement_dates (
    statement_id VARCHAR NOT NULL,
    event_date   DATE NOT NULL
);

CREATE TABLE IF NOT EXISTS statement_topics (
    statement_id VARCHAR NOT NULL,
    topic        VARCHAR NOT NULL,
    source       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS schema_state (
    sha256     VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
);

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

-- Deployments, backfills and events (issue 4). Their comments live here too, after each object,
-- because site_coverage is (re)created on every open and CREATE OR REPLACE VIEW drops comments.

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

-- site_coverage belongs with issue 4's reconciliation; the analysts' other views are in views.sql.
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
