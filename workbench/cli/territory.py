"""``workbench territory``: reps hired and leaving, their customers handed over with a preview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
import pandas as pd

from workbench.cli._common import database_option, friendly, open_database, say
from workbench.config import terminal_lang
from workbench.errors import FileUnusable, InvalidEntry

__all__ = [
    "territory",
    "territory_apply",
    "territory_customers",
    "territory_hire",
    "territory_leave",
    "territory_plan",
]

DAY = click.DateTime(["%Y-%m-%d"])


def _day(value: dt.datetime | None) -> dt.date:
    return dt.date.today() if value is None else value.date()


def _refused(refused: InvalidEntry, shown: int | None = None) -> None:
    """Each problem on its own line of stderr, in the terminal's language."""
    for problem in refused.problems[:shown]:
        click.echo(problem.message(terminal_lang()), err=True)


@click.group()
def territory() -> None:
    """Territories: reps hired and leaving, their customers handed over with a preview."""


@territory.command(name="customers")
@click.argument("rep_id", metavar="REP", type=click.IntRange(1))
@click.option("--on", type=DAY, metavar="DATE", help="The day (default: today).")
@database_option
@friendly
def territory_customers(rep_id: int, on: dt.datetime | None, database: str | None) -> None:
    """The customers assigned to rep REP on a day."""
    from workbench.territories import customers_of

    theirs = customers_of(open_database(database), rep_id, on=_day(on))
    for row in theirs.itertuples():
        say("cli.say.customer_row", id=row.doctor_id, name=row.doctor, hospital=row.hospital)
    say("cli.say.customers", rep=rep_id, n=len(theirs), day=_day(on))


@territory.command(name="plan")
@click.option(
    "--from",
    "from_rep",
    required=True,
    type=click.IntRange(1),
    help="The rep whose customers are handed over.",
)
@click.option(
    "--to",
    "to_reps",
    required=True,
    multiple=True,
    type=click.IntRange(1),
    help="A rep who takes some over; give --to once for each.",
)
@click.option(
    "--on", type=DAY, metavar="DATE", help="The first day of the new owners (default: today)."
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The plan's CSV file, to look at, edit and apply.",
)
@database_option
@friendly
def territory_plan(
    from_rep: int, to_reps: tuple[int, ...], on: dt.datetime | None, out: Path, database: str | None
) -> None:
    """Who gets whom, a hospital at a time, and each rep's workload before and after."""
    from workbench.territories import plan_moves, workloads

    db, day = open_database(database), _day(on)
    moves = plan_moves(db, from_rep=from_rep, to_reps=list(to_reps), on=day)
    for row in workloads(db, moves, on=day).itertuples():
        say(
            "cli.say.workload",
            rep=row.rep_id,
            name=row.name,
            before=row.customers,
            after=row.customers_after,
            potential=row.potential,
            potential_after=row.potential_after,
            planned=row.planned_calls,
            planned_after=row.planned_calls_after,
        )
    try:
        moves.to_csv(out, index=False)
    except OSError as exc:
        raise FileUnusable(key="error.export.unwritable", path=out, reason=exc.strerror) from exc
    say("cli.say.territory_planned", n=len(moves), path=out, day=day)


@territory.command(name="apply")
@click.argument("plan", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--on", type=DAY, metavar="DATE", help="The first day of the new owners (default: today)."
)
@click.option(
    "--handover",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write each receiving rep's handover list into this folder.",
)
@database_option
@friendly
def territory_apply(
    plan: Path, on: dt.datetime | None, handover: Path | None, database: str | None
) -> None:
    """Apply a plan: every doctor to their new rep from the day, history kept, or none."""
    from workbench.territories import apply_moves, handover_files

    db, day = open_database(database), _day(on)
    moves = pd.read_csv(plan)
    try:
        moved = apply_moves(db, moves, on=day)
    except InvalidEntry as refused:
        _refused(refused, shown=10)
        say("cli.say.territory_refused", err=True, n=len(refused.problems))
        raise SystemExit(1) from None
    say("cli.say.territory_applied", n=moved, day=day)
    if handover is not None:
        for path in handover_files(db, moves, handover):
            say("cli.say.handover_written", path=path)


@territory.command(name="hire")
@click.option("--name", required=True, help="The rep's name, in Chinese characters.")
@click.option("--pinyin", required=True, help="The name in pinyin, e.g. Zhang Wei.")
@click.option("--region", "region_id", required=True, type=click.IntRange(1), help="Region id.")
@click.option("--city", "city_id", required=True, type=click.IntRange(1), help="City id.")
@click.option("--manager", "manager_id", type=click.IntRange(1), help="Their manager's rep id.")
@click.option("--hired-on", "hired_on", type=DAY, metavar="DATE", help="Default: today.")
@click.option("--employee-id", "employee_id", help="The company's employee id.")
@click.option(
    "--role",
    type=click.Choice(["rep", "manager"]),
    default="rep",
    show_default=True,
    help="A rep in the field or a manager.",
)
@database_option
@friendly
def territory_hire(
    name: str,
    pinyin: str,
    region_id: int,
    city_id: int,
    manager_id: int | None,
    hired_on: dt.datetime | None,
    employee_id: str | None,
    role: str,
    database: str | None,
) -> None:
    """A new rep or manager: checked as the import checks a row of reps.csv."""
    from workbench.territories import hire

    try:
        rep_id = hire(
            open_database(database),
            name=name,
            name_pinyin=pinyin,
            region_id=region_id,
            city_id=city_id,
            manager_id=manager_id,
            hired_on=_day(hired_on),
            employee_id=employee_id,
            role=role,
        )
    except InvalidEntry as refused:
        _refused(refused)
        raise SystemExit(1) from None
    say("cli.say.hired", id=rep_id, name=name)


@territory.command(name="leave")
@click.argument("rep_id", metavar="REP", type=click.IntRange(1))
@click.option("--on", type=DAY, metavar="DATE", help="Their last day (default: today).")
@database_option
@friendly
def territory_leave(rep_id: int, on: dt.datetime | None, database: str | None) -> None:
    """Rep REP leaves: their last day recorded, and the customers left without a rep."""
    from workbench.territories import leave

    try:
        orphans = leave(open_database(database), rep_id, on=_day(on))
    except InvalidEntry as refused:
        _refused(refused)
        raise SystemExit(1) from None
    say("cli.say.left", rep=rep_id, day=_day(on), n=len(orphans))
