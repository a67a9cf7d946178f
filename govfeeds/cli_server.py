"""`govfeeds server start | stop | status`: the local Prefect server later commands use (govfeeds.prefect_server)."""

from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

from govfeeds import prefect_server

server_app = typer.Typer(
    help="A local Prefect server that later govfeeds commands under the same PREFECT_HOME use by themselves.",
    no_args_is_help=True,
)


def _home_note() -> str:
    return f"PREFECT_HOME={prefect_server.prefect_home()}"


def _explicit_url_note(api_url: str) -> None:
    explicit = os.environ.get("PREFECT_API_URL")
    if explicit and explicit != api_url and not prefect_server.using_recorded_server():
        typer.echo(f"Note: PREFECT_API_URL={explicit} is set in this environment and wins over the recorded server "
                   "for commands run with it.")


@server_app.command()
def start(
    port: Annotated[Optional[int], typer.Option("--port", help="Loopback port [default: a free one]")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for the server to answer")] = 180.0,
) -> None:
    """Start a Prefect server in the background (or find the running one) and record it for later commands."""
    try:
        info = prefect_server.start(port=port, timeout=timeout)
    except prefect_server.ServerError as error:
        typer.echo(f"Could not start the Prefect server: {error}", err=True)
        raise typer.Exit(code=1) from None
    if info.already_running:
        typer.echo(f"A Prefect server is already running (pid {info.pid}): UI {info.ui_url}  API {info.api_url}")
    else:
        typer.echo(f"Started a Prefect server (pid {info.pid}) in {info.startup_seconds:.1f} s: UI {info.ui_url}  API {info.api_url}")
        typer.echo(f"govfeeds commands run with {_home_note()} now use it; `govfeeds server stop` ends it. Log: {info.log}")
    _explicit_url_note(info.api_url)


@server_app.command()
def status() -> None:
    """Print the recorded server's UI URL and whether it answers (exit code 1 if none answers)."""
    info = prefect_server.status()
    if info is None:
        typer.echo(f"No Prefect server recorded under {_home_note()}; commands use a temporary one. Start one with `govfeeds server start`.")
        raise typer.Exit(code=1)
    state = "answering" if info.answering else "NOT answering"
    typer.echo(f"Prefect UI {info.ui_url}  API {info.api_url}  pid {info.pid}: {state}")
    _explicit_url_note(info.api_url)
    if not info.answering:
        raise typer.Exit(code=1)


@server_app.command()
def stop() -> None:
    """End the recorded server and forget it; later commands fall back to Prefect's temporary server."""
    try:
        info = prefect_server.stop()
    except prefect_server.ServerError as error:
        typer.echo(f"Could not stop the Prefect server: {error}", err=True)
        raise typer.Exit(code=1) from None
    if info is None:
        typer.echo(f"No Prefect server recorded under {_home_note()}.")
    else:
        typer.echo(f"Stopped the Prefect server (pid {info.pid}) at {info.api_url}.")
