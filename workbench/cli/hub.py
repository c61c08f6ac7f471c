"""``workbench hub``: a camp on one server, each trainee's JupyterLab behind one JupyterHub."""

from __future__ import annotations

import os
import sys

import click

from workbench.cli._common import database_option, friendly, say, settings_from

__all__ = ["hub"]


@click.command(name="hub")
@click.option(
    "--camp",
    "camp",
    required=True,
    metavar="NAME",
    help="The camp whose trainees log in, as `workbench camp create` made it.",
)
@click.option(
    "--port",
    "port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="The hub's port.",
)
@click.option(
    "--host",
    "host",
    default="127.0.0.1",
    show_default=True,
    help="Address to serve on: 127.0.0.1 is this machine only; any other address "
    "lets the network in over plain HTTP (see docs/hub.md).",
)
@database_option
@friendly
def hub(camp: str, port: int, host: str, database: str | None) -> None:
    """Serve camp NAME from one server: JupyterHub, a JupyterLab of their own for each trainee.

    Trainees log in with their employee id in lower case and set a password the first time;
    the trainer logs in as `trainer`. Needs the PostgreSQL store and configurable-http-proxy
    (`python3 dev.py hub` installs it). Ctrl-C stops the hub and every trainee's server.
    """  # fmt: skip
    from workbench.apps.hub import (
        ADMIN,
        hub_answers,
        hub_command,
        is_local,
        issue_passwords,
        plan_hub,
        write_hub,
    )
    from workbench.apps.serve import ensure_port_free, run_until_stopped

    settings = settings_from(database_url=database)
    plan = plan_hub(settings, camp, host=host, port=port)
    ensure_port_free(host, port)
    say("cli.say.hub_written", path=write_hub(plan, settings))
    say("cli.say.hub_passwords", path=plan.passwords_file, n=len(issue_passwords(plan)))
    if not is_local(host):
        say("cli.say.hub_beyond", err=True, host=host)
    trainees = [user for user in plan.users if user.name != ADMIN]

    def ready() -> None:
        # the proxy answers first; the address waits for the hub behind it
        if not hub_answers(plan):
            say("cli.say.hub_no_answer", err=True, seconds=60)
            return
        # read by tests and scripts: "workbench hub: " and the address are the same in
        # every language; only the hint after them is translated
        say("cli.say.hub_serving", url=plan.url)
        say("cli.say.hub_login", example=trainees[0].name, admin=ADMIN)

    say("cli.say.hub_starting", camp=camp, n=len(trainees))
    command, env = hub_command(plan, os.environ)
    sys.exit(run_until_stopped(command, env, host, port, ready))
