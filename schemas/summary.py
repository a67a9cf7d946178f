"""What one run did, for the terminal, the Prefect artifact and the caller."""

from __future__ import annotations

from pydantic import BaseModel, Field


class FeedReport(BaseModel):
    feed_id: str
    outcome: str
    entries: int = 0
    new: int = 0
    updated: int = 0
    rejected: int = 0
    error: str | None = None


class RunSummary(BaseModel):
    feeds: list[FeedReport] = Field(default_factory=list)
    waiting_in_spool: int = Field(default=0, description="Batches fetched but not loaded (database locked).")
    load_error: str | None = None
    reconciliations: list[str] = Field(default_factory=list, description="One line per site reconciled this run.")

    @property
    def feeds_ok(self) -> int:
        return sum(report.outcome != "failed" for report in self.feeds)

    @property
    def feeds_failed(self) -> int:
        return sum(report.outcome == "failed" for report in self.feeds)

    @property
    def new(self) -> int:
        return sum(report.new for report in self.feeds)

    @property
    def updated(self) -> int:
        return sum(report.updated for report in self.feeds)

    @property
    def rejected(self) -> int:
        return sum(report.rejected for report in self.feeds)

    def count(self, results: list) -> None:
        """Add each load's new and updated statements (govfeeds.store.loads.LoadResult) to its feed's report."""
        by_feed = {report.feed_id: report for report in self.feeds}
        for result in results:
            report = by_feed.get(result.feed_id)
            if report is not None:
                report.new += result.new
                report.updated += result.updated

    def headline(self) -> str:
        line = (
            f"feeds ok {self.feeds_ok}, failed {self.feeds_failed}; "
            f"statements new {self.new}, updated {self.updated}; rejected {self.rejected}"
        )
        if self.waiting_in_spool:
            line += f"; {self.waiting_in_spool} batch(es) waiting in the spool"
        return line

    def to_markdown(self, title: str) -> str:
        rows = "\n".join(
            f"| {r.feed_id} | {r.outcome} | {r.entries} | {r.new} | {r.updated} | {r.rejected} | {(r.error or '').replace('|', '/')} |"
            for r in self.feeds
        )
        extra = f"\n\n**Load error:** {self.load_error}" if self.load_error else ""
        if self.reconciliations:
            extra += "\n\n**Reconciled:**\n" + "\n".join(f"- {line}" for line in self.reconciliations)
        return (
            f"# {title}\n\n{self.headline()}\n\n"
            "| feed | outcome | entries | new | updated | rejected | error |\n|---|---|---|---|---|---|---|\n"
            f"{rows}{extra}\n"
        )
