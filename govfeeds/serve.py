"""`govfeeds serve`: the deployments of deployments/prefect.yaml served from one process (Prefect `serve`).

For users without a work pool. The YAML stays the one description of the deployments: names,
entrypoints, parameters, schedules, concurrency limits and event triggers are read from it, so
`prefect deploy --all` and `govfeeds serve` cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig
from prefect.deployments.runner import RunnerDeployment
from prefect.events import DeploymentTriggerTypes
from prefect.flows import load_flow_from_entrypoint
from prefect.schedules import Cron
from pydantic import TypeAdapter

_TRIGGERS: TypeAdapter[DeploymentTriggerTypes] = TypeAdapter(DeploymentTriggerTypes)


def runner_deployments(prefect_file: Path) -> list[RunnerDeployment]:
    """The deployments of `prefect_file` as RunnerDeployments, ready for `prefect.serve`."""
    config = yaml.safe_load(prefect_file.read_text(encoding="utf-8"))
    return [_deployment(spec) for spec in config.get("deployments") or []]


def _deployment(spec: dict[str, Any]) -> RunnerDeployment:
    flow = load_flow_from_entrypoint(spec["entrypoint"])
    schedules = []
    for schedule in spec.get("schedules") or []:
        if "cron" not in schedule:
            raise ValueError(f"deployment {spec['name']}: only cron schedules are served, got {schedule}")
        schedules.append(Cron(schedule["cron"], timezone=schedule.get("timezone")))
    limit = spec.get("concurrency_limit")
    triggers = []
    for number, trigger in enumerate(spec.get("triggers") or [], start=1):
        triggers.append(_TRIGGERS.validate_python({"name": f"{spec['name']}__automation_{number}", **trigger}))
    return flow.to_deployment(
        name=spec["name"],
        description=spec.get("description"),
        parameters=spec.get("parameters") or {},
        schedules=schedules or None,
        concurrency_limit=ConcurrencyLimitConfig(**limit) if isinstance(limit, dict) else limit,
        triggers=triggers or None,
    )


def serve_deployments(prefect_file: Path) -> None:
    """Register the deployments and run their flow runs in subprocesses until interrupted."""
    serve(*runner_deployments(prefect_file))
