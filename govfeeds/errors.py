"""The one error vocabulary: every failure a user can meet and fix is a GovfeedsError.

The CLI prints `message` and `hint` and exits with `exit_code`, without a traceback; flows let it
propagate so their Prefect run ends Failed with the same message.
"""

from __future__ import annotations


class GovfeedsError(Exception):
    """An expected failure: the message says what happened, the hint what to do next."""

    exit_code = 1
    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __reduce__(self):  # noqa: ANN204 - keep hint (and any other attribute) across pickling, e.g. in a Prefect result
        return (type(self), self.args, self.__dict__)


class RegistryError(GovfeedsError):
    """The feed registry is missing or invalid, or names no feed with a requested id."""

    hint = "fix deployments/feeds.toml (or the file given with --feeds / GOVFEEDS_FEEDS) and run again"


class DatabaseLocked(GovfeedsError):
    """Another process kept the database file locked for longer than we were willing to wait."""

    exit_code = 3


class DatabaseMissing(GovfeedsError):
    """A read-only command was pointed at a database that does not exist yet."""

    hint = "run `govfeeds run` (or `govfeeds demo`) first, or pass --db PATH"


class LoadFailed(GovfeedsError):
    """A run fetched data but could not load it; the spool keeps it for the next run.

    Raised at the end of a poll or backfill flow, so its Prefect run ends Failed; `summary` is
    what the run did get done (the CLI still prints it).
    """

    exit_code = 3
    hint = "the fetched batches wait in the spool: run the same command again once the database is free"

    def __init__(self, message: str, *, hint: str | None = None, summary: object = None) -> None:
        super().__init__(message, hint=hint)
        self.summary = summary
