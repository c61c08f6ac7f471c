"""``workbench import``: the company's own data in, through guided entry's rules."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli._common import database_option, friendly, open_database, say, settings_from
from workbench.config import terminal_lang

__all__ = ["SHOWN", "import_command"]

#: how many problems the command prints; the report holds them all
SHOWN = 10


@click.command(name="import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--accept-good",
    "accept_good",
    is_flag=True,
    help="Write the good rows and report the bad ones (a row referring to a bad row is bad "
    "too). Without it, one bad row writes nothing.",
)
@click.option(
    "--dry-run", "dry_run", is_flag=True,
    help="Check every row and say what would change; write nothing.",
)  # fmt: skip
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the rows with problems, as CSV (file, line, field, problem, value, "
    "message). Default: rejected-rows.csv in the current folder, when there are any.",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    help="The language of the report's messages. Default: WORKBENCH_LANG, else zh.",
)
@database_option
@friendly
def import_command(
    path: Path,
    accept_good: bool,
    dry_run: bool,
    report: Path | None,
    lang: str | None,
    database: str | None,
) -> None:
    """Import the company's own data: export-format files, CSV or .xlsx (docs/import.md).

    PATH is a folder of the files, or one .xlsx workbook with a sheet per file. Every row is
    checked as guided entry checks it; then everything is written in one transaction, or
    nothing is.
    """
    from workbench.imports import import_files, write_report

    db = open_database(database)
    done = import_files(db, path, accept_good=accept_good, dry_run=dry_run)
    for file, new in done.inserted.items():
        changed, same = done.updated[file], done.unchanged[file]
        say("cli.say.import_file", file=file, new=new, changed=changed, same=same)
    for r in done.problems[:SHOWN]:
        message = r.message(terminal_lang())
        say("cli.say.import_problem", err=True, file=r.file, line=r.line, message=message)
    if len(done.problems) > SHOWN:
        say("cli.say.import_more", err=True, n=len(done.problems) - SHOWN)
    if done.problems:
        settings = settings_from(database_url=database, lang=lang)
        where = write_report(done.problems, report or Path("rejected-rows.csv"), settings.lang)
        say("cli.say.import_report", err=True, path=where)
    new, changed = sum(done.inserted.values()), sum(done.updated.values())
    rejected = done.rejected_rows
    if dry_run:
        say("cli.say.import_dry_run", new=new, changed=changed, rejected=rejected)
    elif done.written and not new and not changed:
        say("cli.say.import_unchanged", same=sum(done.unchanged.values()))
    elif done.written:
        say("cli.say.imported", new=new, changed=changed, rejected=rejected)
    else:
        say("cli.say.import_refused", err=True, rejected=rejected)
        raise SystemExit(1)
