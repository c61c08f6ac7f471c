"""``workbench camp``: a camp from a roster, followed, reported, closed, and carried home.

Its results travel from laptops in bundles; two weeks later comes the follow-up.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

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
from workbench.config import terminal_lang
from workbench.db.engine import connect
from workbench.errors import ConfigError, InvalidEntry, MissingEntry

__all__ = [
    "camp",
    "camp_close",
    "camp_create",
    "camp_export",
    "camp_followup",
    "camp_import",
    "camp_list",
    "camp_report",
    "camp_status_command",
    "camp_story",
]


@click.group()
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

    settings = settings_from(database_url=database)
    try:
        roster = read_roster(roster_file)
    except InvalidEntry as exc:
        click.echo(roster_report(exc, terminal_lang()), err=True)
        say("camp.nothing_created", err=True)
        sys.exit(1)
    db = closed_after(connect(settings=settings))

    def progress(done: int, total: int, who: str) -> None:
        click.echo(f"  [{done:>2}/{total}] {who}", err=True)  # a data row

    made = create_camp(
        db, settings, name, roster, region=region, trainer=trainer,
        starts_on=starts.date() if starts else None, progress=progress,
    )  # fmt: skip
    say("camp.created", camp=name, n=len(made))


@camp.command(name="list")
@database_option
@friendly
def camp_list(database: str | None) -> None:
    """List the camps: region, first day, trainer, status and trainees."""
    from workbench.training.camps import list_camps

    camps = list_camps(open_database(database))
    if camps.empty:
        say("cli.say.no_camps")
        return
    for row in camps.itertuples():
        say("cli.say.camp_row", code=row.code, region=row.region or "",
            starts=str(row.starts_on or ""), trainer=row.trainer or "",
            status=said(f"cli.say.camp_status.{row.status}"), trainees=row.trainees)  # fmt: skip


@camp.command(name="status")
@click.argument("name")
@database_option
@friendly
def camp_status_command(name: str, database: str | None) -> None:
    """Per trainee of camp NAME: modules done, score, attempts, last activity."""
    from workbench.training.camps import camp_status

    status = camp_status(open_database(database), name)
    say("cli.say.camp_status", camp=status.camp,
        status=said(f"cli.say.camp_status.{status.status}"), n=len(status.table))  # fmt: skip
    for row in status.table.itertuples():
        last = "" if row.last_activity is None or row.last_activity != row.last_activity else (
            f"{row.last_activity:%Y-%m-%d %H:%M}"
        )  # fmt: skip
        say("cli.say.trainee_row", employee_id=row.employee_id, name=row.name,
            done=row.modules_done, modules=status.modules, score=row.score,
            points=status.points, attempts=row.attempts, last=last)  # fmt: skip


@camp.command(name="close")
@click.argument("name")
@database_option
@friendly
def camp_close(name: str, database: str | None) -> None:
    """Close camp NAME: its results stay; nobody new joins it."""
    from workbench.training import Gradebook

    Gradebook(open_database(database)).close_camp(name)
    say("cli.say.camp_closed", camp=name)


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

    page, csv = write_report(open_database(database), name, out)
    say("cli.say.report_written", page=page, csv=csv)


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

    settings = settings_from(database_url=database)
    path = export_bundle(closed_after(connect(settings=settings)), settings, name, out)
    say("cli.say.bundle_written", path=path, name=path.name)


@camp.command(name="import")
@click.argument("bundle", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--camp", "camp_name", metavar="NAME",
              help="Refuse the bundle unless it is of this camp.")
@database_option
@friendly
def camp_import(bundle: Path, camp_name: str | None, database: str | None) -> None:
    """Merge a laptop's BUNDLE into its camp: only what is new is added."""  # fmt: skip
    from workbench.training.bundles import import_bundle

    settings = settings_from(database_url=database)
    store = closed_after(connect(settings=settings))
    added = import_bundle(store, settings, bundle, camp=camp_name)
    say("cli.say.bundle_imported", bundle=bundle.name, attempts=added["attempts"],
        hints=added["hints"], resets=added["resets"], entries=added["entries"])  # fmt: skip



def _after_camp(database: str | None, name: str, starts: dt.datetime | None) -> dt.date:
    """The first day at work after camp NAME: given, else a week after the camp began."""
    if starts is not None:
        return starts.date()
    from sqlalchemy import select

    from workbench.db.gradebook import Camp

    with open_database(database).begin() as conn:
        began = conn.scalar(select(Camp.starts_on).where(Camp.code == name))
    if began is None:
        raise ConfigError(key="error.cli.no_first_day", camp=name)
    return began + dt.timedelta(days=7)


@camp.command(name="story")
@click.argument("name")
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="The first day at work after the camp (default: a week after it began).")
@click.option("--production", metavar="URL", help="The store of the reps' real entries "
              "(default: the workbench's database).")
@click.option("--seed", type=SEED, default=0, show_default=True,
              help="The same seed always tells the same story.")
@database_option
@friendly
def camp_story(name: str, starts: dt.datetime | None, production: str | None, seed: int,
               database: str | None) -> None:
    """Tell camp NAME's sample story: six weeks at work after it, and its help desk.

    The trainees join the sample world and enter their calls (most on track, some late,
    some incomplete, one who stops); the help desk hears their questions. The same seed
    always tells the same story.
    """  # fmt: skip
    from workbench.sample.camp_story import load_camp_story
    from workbench.training import Gradebook
    from workbench.training.helpdesk import sample_help_desk

    first = _after_camp(database, name, starts)
    gradebook = open_database(database)
    roster = Gradebook(gradebook).roster(name)
    if not roster:
        raise MissingEntry(key="error.cli.no_trainees", camp=name)
    store = open_database(production) if production else gradebook
    profiles = load_camp_story(store, [(e.employee_id, e.name) for e in roster],
                               starts_on=first, seed=seed)  # fmt: skip
    questions = sample_help_desk(gradebook, name, starts_on=first, seed=seed)
    told = said("cli.say.list_separator").join(
        f"{k} {said('cli.say.profile.' + v.replace(' ', '_'))}" for k, v in profiles.items())
    say("cli.say.story_trainees", n=len(profiles), first=first, profiles=told)
    say("cli.say.story_questions", questions=questions, camp=name)


#: why a trainee needs a call, as :func:`~workbench.training.followup.follow_up` words it
_WHYS = ((re.compile(r"missed week (?P<week>\d+)"), "cli.say.followup_missed"),
         (re.compile(r"no rep with this employee id in the production store"),
          "cli.say.followup_no_rep"))  # fmt: skip


def _why(why: str) -> str:
    """Why a trainee needs a call, in the terminal's language; an unknown reason as it is."""
    for pattern, key in _WHYS:
        if found := pattern.fullmatch(why):
            return said(key, **found.groupdict())
    return why


@camp.command(name="followup")
@click.argument("name")
@click.option("--production", metavar="URL", help="The store of the reps' real entries "
              "(default: the workbench's database).")
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="The first day at work after the camp (default: a week after it began).")
@click.option("--goals", "goals_file", type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE", help="CSV week,min_calls,max_days,complete (default: week 1 "
              "10 calls within 3 days; then 20 within 2 days, complete).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="Judge the weeks finished by this day (default: today).")
@database_option
@friendly
def camp_followup(name: str, production: str | None, starts: dt.datetime | None,
                  goals_file: Path | None, today: dt.datetime | None,
                  database: str | None) -> None:
    """Compare each trainee's real entries with the phased goals; who needs a call."""  # fmt: skip
    from workbench.training.followup import DEFAULT_GOALS, follow_up, read_goals

    goals = read_goals(goals_file) if goals_file else DEFAULT_GOALS
    store = open_database(database)
    result = follow_up(
        store, open_database(production) if production else store, name,
        starts_on=_after_camp(database, name, starts), goals=goals,
        today=today.date() if today else None,
    )  # fmt: skip
    say("cli.say.followup", camp=name, starts=result.starts_on, today=result.today)
    for r in result.reps.itertuples():
        weeks = result.weeks[result.weeks["employee_id"] == r.employee_id]
        counts = " ".join(f"w{w.week}:{w.calls}" for w in weeks.itertuples())
        flag = "" if not r.needs_call else said(
            "cli.say.followup_call", manager=r.manager or said("cli.say.followup_no_manager"),
            why=_why(str(r.why)))  # fmt: skip
        say("cli.say.followup_row", employee_id=r.employee_id, name=r.name, met=r.weeks_met,
            finished=r.weeks_finished, counts=counts, flag=flag)  # fmt: skip

