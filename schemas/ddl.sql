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
