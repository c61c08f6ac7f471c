"""The ``workbench`` command: each subcommand a few lines over the library.

Settings take one road: each command builds them once, from the environment with its own
options winning (:meth:`Settings.from_env`), and passes them on explicitly; a server it
starts gets them back through :meth:`Settings.to_env`. Every error the workbench raises on
purpose ends as one line on stderr and exit code 1, never a traceback. What a command prints
for a person to read it says in the terminal's language (:func:`~workbench.cli._common.say`,
the catalogue's ``cli.say.*``). The commands of camps, of the help desk and of a camp's
hub live in :mod:`workbench.cli.camps`, :mod:`workbench.cli.helpdesk` and
:mod:`workbench.cli.hub`.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from workbench.cli._common import (
    SEED,
    closed_after,
    database_option,
    friendly,
    open_database,
    said,
    say,
    settings_from,
)
from workbench.cli._language import HELP_OPTION_NAMES, speak
from workbench.command import interrupted
from workbench.config import Settings, terminal_lang
from workbench.db.engine import connect
from workbench.errors import MissingEntry

__all__ = [
    "Workbench",
    "cut_command",
    "export",
    "info",
    "init",
    "lab",
    "main",
    "sample",
    "start",
    "train",
]


class Workbench(click.Group):
    """The ``workbench`` group: its help, and every command's, in the terminal's language."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Speak the terminal's language (:func:`terminal_lang`), then run the command line."""
        speak(self, terminal_lang())
        return super().main(*args, **kwargs)


@click.group(cls=Workbench, context_settings={"help_option_names": HELP_OPTION_NAMES})
@click.version_option(package_name="workbench")
def main() -> None:
    """The CRM workbench: practise, analyse and review pharmaceutical field-sales data.

    Start with `workbench start`: it creates the database, loads the camp sample world and
    serves the apps on http://127.0.0.1:8866/.
    """


@main.command()
@database_option
@friendly
def init(database: str | None) -> None:
    """Create the database (or bring its schema up to date) and say where it is."""
    db = open_database(database)
    db.ensure_writable()  # a file this user may not write is opened to read: nothing is made
    say("cli.say.database_ready", where=db.path or db.url, version=db.schema_version())


@main.command()
@click.option(
    "--scale",
    type=click.Choice(["camp", "region", "national"]),
    default="camp",
    show_default=True,
    help="camp: 20 hospitals, 20 reps, a few months; region: "
    "~300 hospitals, two years; national: 9 regions, ~3,000 hospitals, two years.",
)
@click.option(
    "--seed",
    type=SEED,
    default=0,
    show_default=True,
    help="The same seed always gives the same world, row for row.",
)
@click.option(
    "--multiply",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Scale hospitals, doctors, reps and sales by N (for benchmarks).",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Empty the database first. Without it a database holding data is refused.",
)
@click.option(
    "--to-csv",
    "to_csv",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the world as the export's CSV files into DIR instead of a database "
    "(how sample_data/ is regenerated).",
)
@database_option
@friendly
def sample(
    scale: str, seed: int, multiply: int, replace: bool, to_csv: Path | None, database: str | None
) -> None:
    """Fill the database with a synthetic sample world (never real people)."""
    from workbench.db.bulk import loaded_since
    from workbench.sample import load_sample, write_sample_csv

    if to_csv is not None:
        files = write_sample_csv(to_csv, scale, seed=seed, multiply=multiply)
        say(
            "cli.say.sample_written",
            scale=said(f"cli.say.scale.{scale}"),
            seed=seed,
            folder=to_csv,
            n=len(files),
        )
        return
    db = open_database(database)
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    try:
        rows = load_sample(
            db,
            scale,
            seed=seed,
            multiply=multiply,
            replace=replace,
            progress=sys.stderr.isatty(),
            on_step=(lambda step: say("cli.say.building", err=True, step=_step(step)))
            if sys.stderr.isatty()
            else None,
        )
    except KeyboardInterrupt:
        # the load is one transaction: it either finished or left the database as it was
        finished = loaded_since(db, started)
        if finished is None:
            interrupted("cli.say.load_interrupted")
        say("cli.say.load_finished_first", err=True)
        rows = finished
    say(
        "cli.say.sample_loaded",
        scale=said(f"cli.say.scale.{scale}"),
        seed=seed,
        where=db.path or db.url,
        rows=sum(rows.values()),
    )


@main.command()
@database_option
@friendly
def info(database: str | None) -> None:
    """Where the database is, its schema version, and how many rows each table holds."""
    db = open_database(database)
    counts = db.counts()  # a damaged database is said in one line, before anything else
    say("cli.say.database", where=db.path or db.url)
    say("cli.say.backend", dialect=db.dialect, version=db.schema_version())
    for table, n in counts.items():
        # a data row: the table's name as stored (what `workbench.connect(...).counts()` keys
        # it by), then its rows; the same in every language
        click.echo(f"  {table:<14}{n:>12,}")


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--excel",
    is_flag=True,
    help="One Excel workbook to hand out instead of CSVs: a sheet per table in one language, "
    "names beside ids, coded values as labels, the header row frozen. PATH is the .xlsx "
    "file, or a folder to write workbench.xlsx into.",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    help="The workbook's language. Default: WORKBENCH_LANG, else zh.",
)
@click.option("--bom", is_flag=True, help="Start each CSV with a byte-order mark, for Excel.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace files already there. Without it a folder holding files, or an existing "
    "workbook, is refused.",
)
@database_option
@friendly
def export(
    path: Path, excel: bool, lang: str | None, bom: bool, force: bool, database: str | None
) -> None:
    """Write one UTF-8 CSV per table into the folder PATH (format: docs/export.md)."""
    db = open_database(database)
    if excel:
        from workbench.db.workbook import export_workbook

        settings = settings_from(database_url=database, lang=lang)
        target = path if path.suffix.lower() == ".xlsx" else path / "workbench.xlsx"
        sheets = export_workbook(db, target, lang=settings.lang, replace=force)
        say(
            "cli.say.workbook_written",
            target=target,
            sheets=len(sheets),
            rows=sum(sheets.values()),
        )
        return
    from workbench.db.export import export_tables

    files = export_tables(db, path, excel=bom, replace=force)
    say("cli.say.exported", n=len(files), rows=sum(files.values()), folder=path)


@main.command(name="cut")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to keep cuts in. Default: cuts/ in the data folder.",
)
@click.option(
    "--list", "list_", is_flag=True, help="List the database's cuts in the folder instead."
)
@database_option
@friendly
def cut_command(out: Path | None, list_: bool, database: str | None) -> None:
    """Write a data cut: a frozen Parquet snapshot of the database for analysis."""
    from workbench.cuts import cut, list_cuts

    settings = settings_from(database_url=database)
    db = closed_after(connect(settings=settings))
    if list_:
        for c in list_cuts(out, settings=settings, of=db):
            say("cli.say.cut_row", path=c.path, rows=sum(c.rows.values()), source=c.source)
        return
    made = cut(db, out=out, settings=settings)
    say(
        "cli.say.cut_written",
        path=made.path,
        rows=sum(made.rows.values()),
        seconds=made.seconds,
    )


@main.command()
@click.option(
    "--host",
    help="Address to serve on. Default: WORKBENCH_HOST, else 127.0.0.1 (this machine only); "
    "any other address needs a token (WORKBENCH_TOKEN, else one is made up and printed).",
)
@click.option("--port", type=int, help="Port to serve on. Default: WORKBENCH_PORT, else 8866.")
@click.option(
    "--seed",
    type=SEED,
    default=0,
    show_default=True,
    help="Seed of the camp world loaded into an empty database.",
)
@database_option
@friendly
def start(host: str | None, port: int | None, seed: int, database: str | None) -> None:
    """Load the camp world into an empty database and serve every workbench app.

    One server: the front page is the home app, which links to the others (the Monday plan
    review, key accounts, data quality, trial site reporting, the trial monitor, the camp
    board). Works with no network: every page and script is served from this machine.
    """
    from workbench.apps.serve import (
        access_token,
        app_path,
        ensure_port_free,
        run_until_stopped,
        serve_command,
    )
    from workbench.cuts import cut, list_cuts
    from workbench.resources import APPS
    from workbench.sample import load_sample

    settings = settings_from(database_url=database, host=host, port=port)
    ensure_port_free(settings.host, settings.port)
    db = closed_after(connect(settings=settings))
    if db.is_empty():
        say("cli.say.loading_camp_seed", seed=seed, where=db.path or db.url)
        load_sample(db, "camp", seed=seed)
    if not list_cuts(settings=settings, of=db):
        # the apps open on the latest cut: one taken now, before any page, is theirs to share
        say("cli.say.first_cut")
        cut(db, settings=settings)
    db.close()
    token = access_token(settings)
    url = f"http://{settings.host}:{settings.port}/"

    def ready() -> None:
        # read by tests and scripts: "workbench: " and the address are the same in every
        # language; only the hint after them is translated
        say("cli.say.serving", url=f"{url}{'?token=' + token if token else ''}")
        for name in APPS:
            # a data row: the app's name as in its address, and the address
            click.echo(f"  {name}: {url}{app_path(name)}")
        if token:
            say("cli.say.token_needed")

    say("cli.say.starting_server", host=settings.host, port=settings.port)
    command, env = serve_command(settings, token=token)
    sys.exit(run_until_stopped(command, env, settings.host, settings.port, ready))


@main.command()
@click.argument("name", required=False)
@click.option("--camp", metavar="CAMP", help="Practise as a trainee of this camp.")
@click.option(
    "--employee-id",
    "employee_id",
    metavar="ID",
    help="Your employee id on the camp's roster (asked for when --camp is given alone).",
)
@click.option("--port", type=int, default=8888, show_default=True, help="JupyterLab's port.")
@click.option(
    "--no-lab", "no_lab", is_flag=True, help="Only prepare the sandbox and the notebooks."
)
@database_option
@friendly
def train(
    name: str | None,
    camp: str | None,
    employee_id: str | None,
    port: int,
    no_lab: bool,
    database: str | None,
) -> None:
    """Practise: your own sandbox (the camp world), the training modules, JupyterLab.

    In a camp: `workbench train --camp CAMP --employee-id ID`. On your own: NAME is who is
    practising (default: WORKBENCH_TRAINEE, else your user name). On a laptop the sandbox
    is a file in the data folder; with a PostgreSQL URL each trainee gets a database of
    their own on that server. Start with 00_index.ipynb.
    """
    from workbench.training import open_trainee, prepare_workspace

    if camp is not None and employee_id is None:
        employee_id = _pick_from_roster(database, camp)
    settings = settings_from(
        database_url=database, trainee=name, camp=camp, employee_id=employee_id
    )
    trainee = open_trainee(settings=settings)
    folder = prepare_workspace(settings, trainee.sandbox)
    say("cli.say.trainee", name=trainee.name, where=trainee.db.path or trainee.db.url)
    say("cli.say.notebooks", folder=folder)
    enrolment = trainee.enrolment
    trainee.close()
    if no_lab:
        return
    chosen = replace(settings, camp=enrolment.camp, employee_id=enrolment.employee_id)
    sys.exit(_lab_until_stopped(folder, port, chosen, "00_index.ipynb"))


@main.command()
@click.option("--port", type=int, default=8888, show_default=True, help="JupyterLab's port.")
@database_option
@friendly
def lab(port: int, database: str | None) -> None:
    """Open the analysis notebooks in JupyterLab, on this machine, on the current database.

    An empty database gets the camp sample world first, as with `workbench start`. The
    notebooks are copied into analysis/ in the data folder the first time, in the language
    of WORKBENCH_LANG (your edits there are kept; a notebook you delete comes back fresh).
    Works with no network.
    """
    from workbench.lab import copy_analysis
    from workbench.resources import analysis_notebooks
    from workbench.sample import load_sample

    settings = settings_from(database_url=database)
    db = open_database(database)
    if db.is_empty():
        say("cli.say.loading_camp", where=db.path or db.url)
        load_sample(db, "camp", seed=0)
    say("cli.say.database", where=db.path or db.url)
    db.close()
    folder = settings.data_dir / "analysis"
    copies = copy_analysis(analysis_notebooks(), folder, settings.lang)
    say("cli.say.notebooks", folder=folder)
    sys.exit(_lab_until_stopped(folder, port, settings, copies[0].name))


def _lab_until_stopped(folder: Path, port: int, settings: Settings, first: str) -> int:
    """JupyterLab over ``folder`` until Ctrl-C; its address printed once it answers."""
    from workbench.apps.serve import ensure_port_free, lab_command, lab_settings, run_until_stopped

    ensure_port_free("127.0.0.1", port)
    token = secrets.token_urlsafe(16)
    env = {**os.environ, **settings.to_env()}

    def ready() -> None:
        # read by tests and scripts: the same in every language; the hint below is translated
        click.echo(f"JupyterLab: http://127.0.0.1:{port}/lab/tree/{first}?token={token}")
        say("cli.say.open_lab")

    say("cli.say.starting_lab")
    own = lab_settings(settings.data_dir / "lab" / "user-settings", settings.lang)
    command = lab_command(folder, port, token=token, settings_dir=own)
    return run_until_stopped(command, env, "127.0.0.1", port, ready)


def _pick_from_roster(database: str | None, camp: str) -> str:
    """Ask which trainee of the camp's roster is practising; their employee id."""
    from workbench.training import Gradebook

    roster = Gradebook(open_database(database)).roster(camp)
    if not roster:
        raise MissingEntry(key="error.cli.no_trainees", camp=camp)
    for n, person in enumerate(roster, 1):
        click.echo(f"{n:>3}  {person.employee_id:<12} {person.name}")  # a data row
    choice = click.prompt(
        said("cli.say.which_trainee"),
        type=click.IntRange(1, len(roster)),
        prompt_suffix=said("cli.say.prompt_suffix"),
    )
    return roster[choice - 1].employee_id


def _step(step: str) -> str:
    """A step of building the sample world (``field force``), in the terminal's language."""
    return said(f"cli.say.step.{step.replace(' ', '_')}")


def _register() -> None:
    from workbench.cli.camps import camp
    from workbench.cli.helpdesk import helpdesk
    from workbench.cli.hub import hub
    from workbench.cli.imports import import_command
    from workbench.cli.steward import steward
    from workbench.cli.territory import territory

    main.add_command(camp)
    main.add_command(helpdesk)
    main.add_command(hub)
    main.add_command(import_command)
    main.add_command(steward)
    main.add_command(territory)


_register()
