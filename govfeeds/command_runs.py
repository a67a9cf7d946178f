"""How a flow started by a govfeeds command runs: without Prefect's flow-run heartbeat, unless asked for.

Prefect 3.9 sends flow-run heartbeats from a thread that sleeps in whole seconds, and at the end of
every flow run waits for that thread to wake: up to a second added to each command (an empty flow
takes 1.1 s against a running server, a steady poll of 300 feeds does its work in ~0.7 s).
Heartbeats let an automation mark a flow run Crashed when its process dies without a word; whoever
runs a command sees that in the terminal, so commands go without. Deployed runs (workers,
`serve`) keep Prefect's default, and PREFECT_FLOWS_HEARTBEAT_FREQUENCY, set in the environment or
the active Prefect profile, turns them back on for commands too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

_HEARTBEAT_VARIABLES = ("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY")


@contextmanager
def command_flow_runs() -> Iterator[None]:
    """Flow runs started inside this block send no heartbeats, unless their frequency was set explicitly."""
    from prefect.context import get_settings_context
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    profile = get_settings_context().profile.settings
    if any(name in os.environ for name in _HEARTBEAT_VARIABLES) or PREFECT_FLOWS_HEARTBEAT_FREQUENCY in profile:
        yield
        return
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
