"""Runtime settings, read from the environment (GOVFEEDS_*) with defaults that work out of the box."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob an operator may turn. Override any of them with GOVFEEDS_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="GOVFEEDS_", env_file=".env", extra="ignore")

    db: Path = Field(default=Path("data/govfeeds.duckdb"), description="DuckDB file the pipeline loads into.")
    feeds: Path = Field(default=Path("deployments/feeds.toml"), description="Feed registry.")
    spool: Path | None = Field(
        default=None,
        description="Folder for fetched batches waiting to be loaded; defaults to <db>.spool/ beside the database.",
    )
    contact_url: str = Field(
        default="https://github.com/govfeeds/govfeeds",
        description="Where site operators can reach whoever runs this crawler; sent in the User-Agent.",
    )
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = Field(default=60.0, description="Deadline for one whole response, body included.")
    max_body_bytes: int = Field(default=10 * 1024 * 1024, description="Bodies larger than this are cut off and rejected.")
    max_redirects: int = 5
    max_concurrent_feeds: int = Field(default=8, description="Feeds fetched at once.")
    feeds_per_task: int = Field(default=25, description="Feeds handled by one Prefect task per stage.")
    max_pages_per_feed: int = Field(default=200, description="Statement pages fetched per feed per run.")
    enrich_processes: int = Field(
        default_factory=lambda: min(2, len(os.sched_getaffinity(0)) - 1) if hasattr(os, "sched_getaffinity") else 1, ge=0,
        description=(
            "Worker processes that enrich large groups on other cores (~150 MB each; default: the cores beside "
            "this one, at most 2); 0 enriches in the flow's own process."
        ),
    )
    lock_wait_seconds: float = Field(
        default=120.0, description="How long a load waits for a DuckDB file held by another process."
    )
    load_memory_limit: str = Field(
        default="128MB",
        pattern=r"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$",
        description=(
            "DuckDB memory limit while loading (DuckDB's default is 80% of RAM, and it keeps what it wrote "
            "cached: +180 MB over a 20 000-statement load). A batch that needs more lifts it, with a warning."
        ),
    )
    load_threads: int = Field(
        default=1, ge=1,
        description=(
            "DuckDB threads while loading. Each keeps its own buffers and hash tables; the load's joins are "
            "small, and one thread peaked 35 MB lower over a 20 000-statement backfill at the same speed."
        ),
    )
    retries: int = Field(default=2, description="Extra attempts for a 429/5xx answer, a reset or a timeout, within total_timeout.")
    retry_backoff_seconds: float = Field(
        default=1.0, description="First pause before a retry; doubled each attempt, with random jitter of up to the same again."
    )
    host_concurrency: int = Field(default=2, description="Requests in flight at once to one site (registrable domain).")
    host_min_interval: float = Field(default=1.0, description="Seconds between the starts of two requests to one site.")
    host_jitter: float = Field(default=0.5, description="Random extra seconds added to each interval, so feeds of one site spread out.")
    poll_min_interval: float = Field(default=900.0, description="Shortest learned interval between two polls of a feed, in seconds.")
    poll_max_interval: float = Field(default=86400.0, description="Longest learned interval between two polls of a feed, in seconds.")
    poll_gap_fraction: float = Field(
        default=0.5, gt=0, description="A feed is polled every this fraction of its usual gap between entries (within the bounds above)."
    )
    stale_gap_factor: float = Field(default=4.0, description="A feed is stale when it has posted nothing for this many times its usual gap ...")
    stale_floor_days: float = Field(default=3.0, description="... and for at least this many days.")
    eval_min_score: float = Field(
        default=0.95, ge=0.0, le=1.0, description="`govfeeds eval` fails (exit 1) when any field scores below this."
    )

    @classmethod
    def for_paths(cls, db: str | Path | None = None, registry: str | Path | None = None) -> Settings:
        """Settings from the environment, with the database and registry paths a flow or command was given."""
        overrides = {key: Path(value) for key, value in (("db", db), ("feeds", registry)) if value}
        return cls(**overrides)

    @property
    def user_agent(self) -> str:
        from govfeeds import __version__

        return f"govfeeds/{__version__} (+{self.contact_url})"

    @property
    def spool_dir(self) -> Path:
        return self.spool if self.spool is not None else self.db.with_name(self.db.name + ".spool")
