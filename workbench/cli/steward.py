"""``workbench steward``: doctors stored twice, found, merged and unmerged."""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from workbench.cli._common import database_option, friendly, open_database, say
from workbench.config import terminal_lang
from workbench.i18n import text

__all__ = ["steward", "steward_log", "steward_matches", "steward_merge", "steward_unmerge"]


@click.group()
def steward() -> None:
    """The customer master's steward: doctors stored twice, found, merged and unmerged."""


@steward.command(name="matches")
@click.option(
    "--top",
    type=click.IntRange(1),
    default=20,
    show_default=True,
    help="How many pairs to print, the likeliest first.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every pair to this CSV file too.",
)
@database_option
@friendly
def steward_matches(top: int, out: Path | None, database: str | None) -> None:
    """Pairs of stored doctors who may be one person, with the reasons and a score."""
    from workbench.stewardship import doctor_matches

    pairs = doctor_matches(open_database(database))
    lang = terminal_lang()
    for row in pairs.head(top).itertuples():
        why = text("dup.and", lang).join(text(f"dup.{r}", lang) for r in row.reasons.split(","))
        say(
            "cli.say.match_row",
            a=row.doctor_id,
            b=row.other_id,
            name=row.name,
            other=row.other_name,
            hospital=row.hospital or "—",
            reasons=why,
            score=row.score,
        )
    if out is not None:
        pairs.to_csv(out, index=False, encoding="utf-8-sig")
    say("cli.say.matches", n=len(pairs))


@steward.command(name="merge")
@click.argument("keep", type=click.IntRange(1))
@click.argument("drop", type=click.IntRange(1))
@click.option("--reasons", help="Why they are one person, kept in the steward's log.")
@database_option
@friendly
def steward_merge(keep: int, drop: int, reasons: str | None, database: str | None) -> None:
    """Merge doctor DROP into doctor KEEP: calls, plans, places and potential move to KEEP."""
    from workbench.stewardship import merge_doctors

    merge_id = merge_doctors(open_database(database), keep=keep, drop=drop, reasons=reasons)
    say("cli.say.merged", keep=keep, drop=drop, id=merge_id)


@steward.command(name="unmerge")
@click.argument("merge_id", metavar="MERGE", type=click.IntRange(1))
@database_option
@friendly
def steward_unmerge(merge_id: int, database: str | None) -> None:
    """Undo merge MERGE: the merged doctor and every row as they were before it."""
    from workbench.stewardship import unmerge

    unmerge(open_database(database), merge_id)
    say("cli.say.unmerged", id=merge_id)


@steward.command(name="log")
@database_option
@friendly
def steward_log(database: str | None) -> None:
    """Every merge, the latest first, and whether it was undone."""
    from workbench.stewardship import merges

    for row in merges(open_database(database)).itertuples():
        undone = "—" if pd.isna(row.undone_at) else f"{row.undone_at:%Y-%m-%d %H:%M}"
        say(
            "cli.say.merge_row",
            id=row.merge_id,
            keep=row.kept_id,
            drop=row.merged_id,
            at=f"{row.merged_at:%Y-%m-%d %H:%M}",
            actor=row.actor,
            undone=undone,
        )
