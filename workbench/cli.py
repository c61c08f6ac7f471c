"""The ``workbench`` command: each subcommand a few lines over the library.

Settings take one road: each command builds them once, from the environment with its own
options winning (:meth:`Settings.from_env`), and passes them on explicitly; a server it
starts gets them back through :meth:`Settings.to_env`. Every error the workbench raises on
purpose ends as one line on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from workbench.config import Settings
from workbench.db.engine import Database, connect
from workbench.errors import InvalidEntry, MissingEntry, WorkbenchError
from workbench.i18n import text

__all__ = [
    "camp",
    "camp_close",
    "camp_create",
    "camp_export",
    "camp_import",
    "camp_list",
    "camp_report",
    "camp_status_command",
    "cut_command",
    "database_option",
    "export",
    "friendly",
    "helpdesk",
    "helpdesk_answer",
    "helpdesk_ask",
    "helpdesk_sample",
    "helpdesk_summary",
    "info",
    "init",
    "main",
    "sample",
    "start",
    "train",
]

F = TypeVar("F", bound=Callable[..., Any])

database_option = click.option(
    "--database",
    "database",
    metavar="URL",
    help="SQLAlchemy URL of the database, e.g. postgresql://postgres@127.0.0.1:5432/crm. "
    "Default: WORKBENCH_DATABASE_URL, else the embedded SQLite file in the data folder "
    "(WORKBENCH_DATA_DIR).",
)


def friendly(func: F) -> F:
    """Turn workbench errors into one line and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InvalidEntry as exc:
            click.echo(f"error: {_problems(exc)}", err=True)
            sys.exit(1)
        except WorkbenchError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _problems(exc: InvalidEntry) -> str:
    """Every problem of an entry on one line, in the user's language."""
    try:
        lang = Settings.from_env().lang
    except WorkbenchError:
        lang = "en"
    sep = "；" if lang == "zh" else "; "
    return sep.join(
        p.message(lang) if hasattr(p, "message") else str(p) for p in exc.problems
    ) or str(exc)


def _settings(**options: object) -> Settings:
    """The command's settings: the environment, with the command line's options winning.

    An option left out is ``None`` and keeps the environment's value.
    """
    return Settings.from_env(None, **options)


def _open(database: str | None) -> Database:
    return connect(settings=_settings(database_url=database))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    db = _open(database)
    click.echo(f"database ready: {db.path or db.url} (schema {db.schema_version()})")


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
    type=int,
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
    from workbench.sample import load_sample, write_sample_csv

    if to_csv is not None:
        files = write_sample_csv(to_csv, scale, seed=seed, multiply=multiply)
        click.echo(f"wrote the {scale} world (seed {seed}) to {to_csv}: {len(files)} files")
        return
    db = _open(database)
    rows = load_sample(
        db,
        scale,
        seed=seed,
        multiply=multiply,
        replace=replace,
        progress=sys.stderr.isatty(),
        on_step=(lambda step: click.echo(f"building {step}…", err=True))
        if sys.stderr.isatty()
        else None,
    )
    click.echo(
        f"loaded the {scale} world (seed {seed}) into {db.path or db.url}: "
        f"{sum(rows.values()):,} rows"
    )


@main.command()
@database_option
@friendly
def info(database: str | None) -> None:
    """Where the database is, its schema version, and how many rows each table holds."""
    db = _open(database)
    click.echo(f"database: {db.path or db.url}")
    click.echo(f"backend:  {db.dialect}, schema {db.schema_version()}")
    for table, n in db.counts().items():
        click.echo(f"  {table:<14}{n:>12,}")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--excel", is_flag=True, help="Add a byte-order mark so Excel reads Chinese text.")
@database_option
@friendly
def export(directory: Path, excel: bool, database: str | None) -> None:
    """Write one UTF-8 CSV per table into DIRECTORY (format: docs/export.md)."""
    from workbench.db.export import export_tables

    db = _open(database)
    files = export_tables(db, directory, excel=excel)
    click.echo(f"wrote {len(files)} files, {sum(files.values()):,} rows, to {directory}")


@main.command(name="cut")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to keep cuts in. Default: cuts/ in the data folder.",
)
@click.option("--list", "list_", is_flag=True, help="List the cuts in the folder instead.")
@database_option
@friendly
def cut_command(out: Path | None, list_: bool, database: str | None) -> None:
    """Write a data cut: a frozen Parquet snapshot of the database for analysis."""
    from workbench.cuts import cut, list_cuts

    settings = _settings(database_url=database)
    if list_:
        for c in list_cuts(out, settings=settings):
            click.echo(f"{c.path}  {sum(c.rows.values()):>12,} rows  from {c.source}")
        return
    made = cut(connect(settings=settings), out=out, settings=settings)
    click.echo(f"wrote {made.path} ({sum(made.rows.values()):,} rows, {made.seconds:.1f} s)")


@main.command()
@click.option(
    "--host", help="Address to serve on. Default: WORKBENCH_HOST, else 127.0.0.1 (this machine)."
)
@click.option(
    "--port", type=int, help="Port to serve on. Default: WORKBENCH_PORT, else 8866."
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed of the camp world loaded into an empty database.",
)
@click.option(
    "--app",
    type=click.Choice(["home", "trial-monitor", "board"]),
    default="home",
    show_default=True,
    help="Which app to serve: the home page, the clinical-trial monitor, or the trainer's "
    "camp board.",
)
@database_option
@friendly
def start(host: str | None, port: int | None, seed: int, app: str, database: str | None) -> None:
    """Load the camp world into an empty database and serve the workbench apps.

    Works with no network: every page and script is served from this machine.
    """
    from workbench.apps.serve import ensure_port_free, serve_command
    from workbench.resources import app_notebook
    from workbench.sample import load_sample

    settings = _settings(database_url=database, host=host, port=port)
    ensure_port_free(settings.host, settings.port)
    db = connect(settings=settings)
    if db.is_empty():
        click.echo(f"loading the camp sample world (seed {seed}) into {db.path or db.url}")
        load_sample(db, "camp", seed=seed)
    db.close()
    url = f"http://{settings.host}:{settings.port}/"
    click.echo(f"workbench: {url}  (Ctrl-C stops it)", err=False)
    command, env = serve_command(settings, app_notebook(app))
    os.execvpe(command[0], command, env)


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
    from workbench.apps.serve import ensure_port_free, lab_command
    from workbench.training import open_trainee, prepare_workspace

    if camp is not None and employee_id is None:
        employee_id = _pick_from_roster(database, camp)
    settings = _settings(database_url=database, trainee=name, camp=camp, employee_id=employee_id)
    trainee = open_trainee(settings=settings)
    folder = prepare_workspace(settings, trainee.sandbox)
    click.echo(f"trainee {trainee.name}: sandbox {trainee.db.path or trainee.db.url}")
    click.echo(f"notebooks: {folder}")
    enrolment = trainee.enrolment
    trainee.close()
    if no_lab:
        return
    ensure_port_free("127.0.0.1", port)
    command = lab_command(folder, port)
    chosen = replace(settings, camp=enrolment.camp, employee_id=enrolment.employee_id)
    env = {**os.environ, **chosen.to_env()}
    click.echo(
        "starting JupyterLab: open the link it prints (with its token), then 00_index.ipynb "
        "(Ctrl-C stops it)"
    )
    os.execvpe(command[0], command, env)


def _pick_from_roster(database: str | None, camp: str) -> str:
    """Ask which trainee of the camp's roster is practising; their employee id."""
    from workbench.training import Gradebook

    roster = Gradebook(_open(database)).roster(camp)
    if not roster:
        raise MissingEntry(f"camp {camp!r} has no trainees; `workbench camp list` lists camps")
    for n, person in enumerate(roster, 1):
        click.echo(f"{n:>3}  {person.employee_id:<12} {person.name}")
    choice = click.prompt("which one are you (number)", type=click.IntRange(1, len(roster)))
    return roster[choice - 1].employee_id


# --- camps ------------------------------------------------------------------------------------


@main.group()
def camp() -> None:
    """Training camps: create one from a roster, follow it, close it."""


@camp.command(name="create")
@click.argument("name")
@click.option("--roster", "roster_file", required=True, metavar="FILE",
              type=click.Path(dir_okay=False, path_type=Path),
              help="CSV or .xlsx with columns name,employee_id,phone,email.")
@click.option("--region", help="Where the camp is held, e.g. 北京.")
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="The camp's first day, e.g. 2026-12-07.")
@click.option("--trainer", help="Who runs the camp.")
@database_option
@friendly
def camp_create(
    name: str,
    roster_file: Path,
    region: str | None,
    starts: dt.datetime | None,
    trainer: str | None,
    database: str | None,
) -> None:
    """Create camp NAME from a roster: every trainee enrolled, each with a sandbox.

    The whole roster is checked first: every bad row is listed with its line number and
    nothing is created until the file is right.
    """  # fmt: skip
    from workbench.training import read_roster, roster_report
    from workbench.training.camps import create_camp

    settings = _settings(database_url=database)
    try:
        roster = read_roster(roster_file)
    except InvalidEntry as exc:
        click.echo(roster_report(exc, settings.lang), err=True)
        click.echo(text("camp.nothing_created", settings.lang), err=True)
        sys.exit(1)
    db = connect(settings=settings)

    def progress(done: int, total: int, who: str) -> None:
        click.echo(f"  [{done:>2}/{total}] {who}", err=True)

    made = create_camp(
        db, settings, name, roster, region=region, trainer=trainer,
        starts_on=starts.date() if starts else None, progress=progress,
    )  # fmt: skip
    click.echo(text("camp.created", settings.lang, camp=name, n=len(made)))


@camp.command(name="list")
@database_option
@friendly
def camp_list(database: str | None) -> None:
    """List the camps: region, first day, trainer, status and trainees."""
    from workbench.training.camps import list_camps

    camps = list_camps(_open(database))
    if camps.empty:
        click.echo("no camps yet: `workbench camp create NAME --roster FILE`")
        return
    for row in camps.itertuples():
        click.echo(
            f"{row.code:<24} {row.region or '':<8} {row.starts_on or '':<10} "
            f"{row.trainer or '':<10} {row.status:<6} {row.trainees:>3} trainees"
        )


@camp.command(name="status")
@click.argument("name")
@database_option
@friendly
def camp_status_command(name: str, database: str | None) -> None:
    """Per trainee of camp NAME: modules done, score, attempts, last activity."""
    from workbench.training.camps import camp_status

    status = camp_status(_open(database), name)
    click.echo(f"camp {status.camp} ({status.status}): {len(status.table)} trainees")
    for row in status.table.itertuples():
        last = "" if row.last_activity is None or row.last_activity != row.last_activity else (
            f"{row.last_activity:%Y-%m-%d %H:%M}"
        )  # fmt: skip
        click.echo(
            f"  {row.employee_id:<12} {row.name:<8} modules {row.modules_done}/{status.modules}"
            f"  score {row.score:g}/{status.points}  attempts {row.attempts:>3}  {last}"
        )


@camp.command(name="close")
@click.argument("name")
@database_option
@friendly
def camp_close(name: str, database: str | None) -> None:
    """Close camp NAME: its results stay; nobody new joins it."""
    from workbench.training import Gradebook

    Gradebook(_open(database)).close_camp(name)
    click.echo(f"camp {name} closed")


@camp.command(name="report")
@click.argument("name")
@click.option("--out", required=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write report.html and report.csv into.")
@database_option
@friendly
def camp_report(name: str, out: Path, database: str | None) -> None:
    """Write camp NAME's completion report: report.html (to print) and report.csv."""  # fmt: skip
    from workbench.training.report import write_report

    page, csv = write_report(_open(database), name, out)
    click.echo(f"wrote {page} and {csv}")


@camp.command(name="export")
@click.argument("name")
@click.option("--out", required=True, metavar="FILE",
              type=click.Path(dir_okay=False, path_type=Path),
              help="The bundle to write, e.g. E0012.wbcamp on a USB stick.")
@database_option
@friendly
def camp_export(name: str, out: Path, database: str | None) -> None:
    """Write this laptop's results of camp NAME into one bundle for the trainer."""  # fmt: skip
    from workbench.training.bundles import export_bundle

    settings = _settings(database_url=database)
    path = export_bundle(connect(settings=settings), settings, name, out)
    click.echo(f"wrote {path}: bring it to the trainer (`workbench camp import {path.name}`)")


@camp.command(name="import")
@click.argument("bundle", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--camp", "camp_name", metavar="NAME",
              help="Refuse the bundle unless it is of this camp.")
@database_option
@friendly
def camp_import(bundle: Path, camp_name: str | None, database: str | None) -> None:
    """Merge a laptop's BUNDLE into its camp: only what is new is added."""  # fmt: skip
    from workbench.training.bundles import import_bundle

    settings = _settings(database_url=database)
    added = import_bundle(connect(settings=settings), settings, bundle, camp=camp_name)
    click.echo(
        f"imported {bundle.name}: {added['attempts']} new attempts, {added['hints']} hints, "
        f"{added['resets']} resets, {added['entries']} entries"
    )



# --- the help desk ----------------------------------------------------------------------------


@main.group()
def helpdesk() -> None:
    """The help desk after a camp: reps' questions, answers, and a summary."""


@helpdesk.command(name="ask")
@click.argument("camp_name", metavar="CAMP")
@click.option("--employee-id", "employee_id", required=True, help="Who asks (on the roster).")
@click.option("--channel", default="phone", show_default=True,
              help="How it came in: phone, wechat, email or visit.")
@click.option("--question", required=True, help="The question, in the rep's words.")
@click.option("--category", help="login, master_data, calls, plans, events, quality or other.")
@click.option("--at", "received_at", metavar="TIME", help="When it came in (default now).")
@database_option
@friendly
def helpdesk_ask(
    camp_name: str, employee_id: str, channel: str, question: str, category: str | None,
    received_at: str | None, database: str | None,
) -> None:
    """Keep a rep's question to the help desk of camp CAMP."""
    from workbench.training.helpdesk import ask

    data = {"employee_id": employee_id, "channel": channel, "question": question,
            "category": category, "received_at": received_at}
    request_id = ask(_open(database), camp_name, data)
    click.echo(f"question {request_id} kept; answer it with `workbench helpdesk answer "
               f"{request_id} --by NAME`")  # fmt: skip


@helpdesk.command(name="answer")
@click.argument("request_id", type=int)
@click.option("--by", "answered_by", required=True, help="Who answered.")
@click.option("--at", "answered_at", metavar="TIME", help="When (default now).")
@click.option("--open", "still_open", is_flag=True, help="Answered, but not resolved yet.")
@database_option
@friendly
def helpdesk_answer(
    request_id: int, answered_by: str, answered_at: str | None, still_open: bool,
    database: str | None,
) -> None:
    """Record the answer to question REQUEST_ID."""
    from workbench.training.helpdesk import answer

    answer(_open(database), request_id,
           {"answered_by": answered_by, "answered_at": answered_at, "resolved": not still_open})
    click.echo(f"question {request_id} answered" + (" (still open)" if still_open else ""))


@helpdesk.command(name="summary")
@click.argument("camp_name", metavar="CAMP")
@database_option
@friendly
def helpdesk_summary(camp_name: str, database: str | None) -> None:
    """When questions come in, how long they wait, what is open, what comes up most."""
    from workbench.training.helpdesk import summarise

    s = summarise(_open(database), camp_name)
    click.echo(f"camp {camp_name}: {s.total} questions, median wait {s.median_minutes:.0f} min, "
               f"{len(s.open)} open, {s.outside_window} outside 8:30–22:00")
    click.echo("most asked: " + ", ".join(
        f"{r.category} {r.questions} ({r.share:.0%})" for r in s.categories.itertuples()))
    busiest = s.by_hour.sum(axis=0)
    click.echo("busiest hours: " + ", ".join(
        f"{h}:00 ({n})" for h, n in busiest.sort_values(ascending=False).head(3).items()))
    for r in s.open.itertuples():
        click.echo(f"  open {r.request_id}: {r.received_at:%Y-%m-%d %H:%M} {r.name} "
                   f"[{r.category}] {r.question}")  # fmt: skip


@helpdesk.command(name="sample")
@click.argument("camp_name", metavar="CAMP")
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), required=True, metavar="DATE",
              help="The first day after the camp.")
@click.option("--seed", type=int, default=0, show_default=True)
@database_option
@friendly
def helpdesk_sample(camp_name: str, starts: dt.datetime, seed: int, database: str | None) -> None:
    """Fill camp CAMP's help desk with six weeks of sample questions (for a demonstration)."""
    from workbench.training.helpdesk import sample_help_desk

    n = sample_help_desk(_open(database), camp_name, starts_on=starts.date(), seed=seed)
    click.echo(f"{n} sample questions in the help desk of camp {camp_name}")
