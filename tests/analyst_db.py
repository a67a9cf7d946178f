"""The analysts' demo database: the real poll flow over the demo embassy plus a second, generated one.

docs/queries.md is run against it (here and in DuckDB's previous CLI), so it holds something for
every question there: two sites, joint statements, alerts, people with titles, an edited
statement (two versions), a statement the second site reposts from the first (a copy) and a registry entry whose URL is a web page, not a feed (a failing feed
and a reject). Built once per test session.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from flows.poll import poll_feeds
from govfeeds.store.connection import connect
from govfeeds.demo.content import demo_site
from govfeeds.demo.wordpress import Post, WordPressSite
from helpers import write_registry

EDITED_POST_ID = 5003


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def uzbekistan_posts() -> list[Post]:
    """A second embassy: a joint statement naming Kazakhstan in 2022, alerts, and remarks that get edited."""
    return [
        Post(
            id=5001, slug="joint-statement-central-asia-water", categories=["News", "Joint Statements"],
            title="Joint Statement of the United States, Kazakhstan and Uzbekistan on Regional Water Security",
            date=datetime(2022, 9, 20, 8, tzinfo=UTC), byline="U.S. Mission Uzbekistan",
            html=_p(
                "JOINT STATEMENT", "September 19, 2022",
                "The Governments of the United States, the Republic of Kazakhstan and the Republic of Uzbekistan met in "
                "Tashkent on September 18, 2022 to discuss water security in Central Asia.",
                "Secretary of State Antony J. Blinken welcomed the commitment of Kazakhstan and Uzbekistan to share data on "
                "the Syr Darya basin. Foreign Minister of Uzbekistan Vladimir Norov and Foreign Minister of Kazakhstan "
                "Mukhtar Tileuberdi agreed to meet again on March 15, 2023.",
            ),
        ),
        Post(
            id=5002, slug="security-alert-tashkent-demonstrations", categories=["Alert", "Security Alert"],
            title="Security Alert: U.S. Embassy Tashkent, Uzbekistan (July 2, 2022)",
            date=datetime(2022, 7, 2, 10, tzinfo=UTC),
            html=_p(
                "Security Alert: U.S. Embassy Tashkent, Uzbekistan (July 2, 2022)",
                "Location: Nukus, Karakalpakstan, Uzbekistan",
                "Event: Demonstrations are reported in Nukus on July 2, 2022. Avoid crowds and monitor local media.",
                "Assistance: U.S. Embassy Tashkent, Uzbekistan, +998 78 120 5450.",
            ),
        ),
        Post(
            id=EDITED_POST_ID, slug="ambassador-remarks-education-fair", categories=["Ambassador", "News"],
            title="Remarks by Ambassador Jonathan Henick at the Education Fair",
            date=datetime(2023, 3, 10, 9, tzinfo=UTC), byline="U.S. Mission Uzbekistan",
            html=_p(
                "Good morning! I am glad to open the EducationUSA fair in Tashkent with Minister of Higher Education "
                "of Uzbekistan Kongratbay Sharipov.",
                "U.S. Ambassador to Uzbekistan Jonathan Henick said more Uzbek students study in the United States "
                "than ever. The next fair will be held on October 5, 2023.",
            ),
        ),
        Post(
            id=5004, slug="security-alert-tashkent-elections", categories=["Alert", "Security Alert"],
            title="Security Alert: U.S. Embassy Tashkent, Uzbekistan (April 28, 2023)",
            date=datetime(2023, 4, 28, 7, tzinfo=UTC),
            html=_p(
                "Security Alert: U.S. Embassy Tashkent, Uzbekistan (April 28, 2023)",
                "Event: Large gatherings are expected in Tashkent on April 30, 2023 for the constitutional referendum.",
                "Actions to Take: Avoid large gatherings. Keep a low profile.",
            ),
        ),
    ]


def build(directory: Path) -> Path:
    """Poll both sites, edit one post, poll again; returns the database path."""
    db = directory / "analyst.duckdb"
    second = WordPressSite("U.S. Embassy in Uzbekistan", uzbekistan_posts())
    with demo_site() as first, second:
        reposted = next(post for post in first.posts() if post.slug == "united-states-provides-additional-humanitarian-assistance")
        second.add(Post(
            id=5006, slug="repost-humanitarian-assistance-kazakhstan", categories=["News"], byline="U.S. Mission Uzbekistan",
            title="From our colleagues in Astana: " + reposted.title, date=reposted.date + timedelta(days=1),
            html=_p("U.S. Embassy Tashkent shares this statement of U.S. Embassy Astana.") + reposted.html
            + _p("Originally published at kz.usembassy.gov."),
        ))
        registry = write_registry(
            directory / "feeds.toml",
            {"id": "demo-kz", "url": first.feed_url, "title": first.title, "site": "kz.usembassy.gov", "country": "KZ"},
            {"id": "demo-uz", "url": second.feed_url, "title": second.title, "site": "uz.usembassy.gov", "country": "UZ"},
            {"id": "demo-uz-news", "url": second.url + "/wp-sitemap.xml", "title": "Misconfigured feed", "site": "uz.usembassy.gov", "country": "UZ"},
        )
        poll_feeds(db=str(db), registry=str(registry))
        original = next(post for post in second.posts() if post.id == EDITED_POST_ID)
        second.edit(
            EDITED_POST_ID,
            title="Remarks by Ambassador Jonathan Henick at the EducationUSA Fair in Tashkent",
            html=original.html + _p("Applications for the spring exchange programs open on November 1, 2023."),
        )  # modified now, so the site-wide Last-Modified moves and the feed is fetched again
        poll_feeds(db=str(db), registry=str(registry))
    return db


_built: dict[str, Path] = {}


def analyst_db(tmp_path_factory) -> Path:
    """The database, built on first use in this test session."""
    if "db" not in _built:
        _built["db"] = build(tmp_path_factory.mktemp("analyst"))
    return _built["db"]


def seeded(db: Path) -> Path:
    """A small database written directly with SQL (no flow): rows chosen to pin down the views and search."""
    connection = connect(db)
    connection.execute(
        """
        INSERT INTO feeds (feed_id, url, site, title, country, last_polled_at, last_success_at, last_status,
                           consecutive_failures, next_poll_at) VALUES
            ('kz', 'https://kz.usembassy.gov/feed/', 'kz.usembassy.gov', 'Embassy KZ', 'KZ', '2024-06-01 10:00Z', '2024-06-01 10:00Z', 'ok', 0, '2024-06-01 11:00Z'),
            ('uz', 'https://uz.usembassy.gov/feed/', 'uz.usembassy.gov', 'Embassy UZ', 'UZ', '2024-06-01 10:00Z', '2024-05-01 10:00Z', 'HTTP 503', 1, NULL),
            ('tj', 'https://tj.usembassy.gov/feed/', 'tj.usembassy.gov', 'Embassy TJ', 'TJ', '2024-06-01 10:00Z', NULL, 'timed out', 4, NULL),
            ('kg', 'https://kg.usembassy.gov/feed/', 'kg.usembassy.gov', 'Embassy KG', 'KG', NULL, NULL, NULL, 0, NULL);
        INSERT INTO statements (statement_id, feed_id, site, url, title, published_at, first_seen_at, updated_at, version,
                                body_text, content_sha256, item_sha256, text_source, deleted_at, doc_type, release_date, word_count) VALUES
            ('s-alert', 'kz', 'kz.usembassy.gov', 'https://kz.usembassy.gov/a', 'Security Alert: demonstrations in Almaty',
             '2023-01-05 23:30:00-05', '2023-01-06 06:00Z', '2023-01-06 06:00Z', 1,
             'Demonstrations are planned in Almaty. Avoid the demonstrations. Demonstrations can turn violent.', 'c1', 'i1', 'page', NULL, 'security_alert', '2023-01-05', 12),
            ('s-visa', 'kz', 'kz.usembassy.gov', 'https://kz.usembassy.gov/v', 'Visa appointments resume',
             '2023-03-02 10:00Z', '2023-03-02 11:00Z', '2023-03-02 11:00Z', 1,
             'Visa interviews resume in Almaty. Demonstrations nearby may delay appointments.', 'c2', 'i2', 'page', NULL, 'visa_notice', NULL, 10),
            ('s-joint', 'uz', 'uz.usembassy.gov', 'https://uz.usembassy.gov/j', 'Joint Statement on water',
             '2024-05-10 08:00Z', '2024-05-10 09:00Z', '2024-05-11 09:00Z', 2,
             'The United States, Kazakhstan and Uzbekistan agree on water sharing.', 'c3', 'i3', 'feed_content', NULL, 'joint_statement', '2024-05-09', 11),
            ('s-gone', 'uz', 'uz.usembassy.gov', 'https://uz.usembassy.gov/g', 'Withdrawn demonstrations notice',
             '2024-05-12 08:00Z', '2024-05-12 09:00Z', '2024-05-12 09:00Z', 1,
             'Demonstrations demonstrations demonstrations.', 'c4', 'i4', 'page', '2024-05-13 00:00Z', 'security_alert', NULL, 3),
            ('s-raw', 'tj', 'tj.usembassy.gov', NULL, 'Not yet enriched', NULL, '2024-06-01 10:00Z', '2024-06-01 10:00Z', 1,
             'Plain text.', 'c5', 'i5', 'feed_summary', NULL, NULL, NULL, NULL);
        INSERT INTO statement_people VALUES ('s-joint', 'Vladimir Norov', 'Foreign Minister of Uzbekistan'),
            ('s-joint', 'Antony J. Blinken', 'Secretary of State'), ('s-alert', 'Jane Doe', NULL);
        INSERT INTO statement_countries VALUES ('s-joint', 'US', 1), ('s-joint', 'UZ', 3), ('s-joint', 'KZ', 2),
            ('s-alert', 'KZ', 2), ('s-visa', 'KZ', 1);
        INSERT INTO statement_dates VALUES ('s-alert', '2023-01-07'), ('s-alert', '2023-01-06'), ('s-alert', '2023-01-07');
        INSERT INTO statement_topics VALUES ('s-alert', 'Security Alert', 'feed'), ('s-alert', 'security', 'theme'),
            ('s-alert', 'Security Alert', 'theme');
        INSERT INTO statement_versions VALUES ('s-joint', 1, 'Joint Statement', 'The United States and Uzbekistan agree.', 'c0', '2024-05-10 09:00Z'),
            ('s-joint', 2, 'Joint Statement on water', 'The United States, Kazakhstan and Uzbekistan agree on water sharing.', 'c3', '2024-05-11 09:00Z');
        """
    )
    connection.close()
    return db
