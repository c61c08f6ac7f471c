"""What every ``workbench`` command shares: the database option, settings, one-line errors."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from workbench.config import Settings
from workbench.db.engine import Database, connect
from workbench.errors import InvalidEntry, WorkbenchError

__all__ = ["database_option", "friendly", "open_database", "settings_from"]

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


def settings_from(**options: object) -> Settings:
    """The command's settings: the environment, with the command line's options winning.

    An option left out is ``None`` and keeps the environment's value.
    """
    return Settings.from_env(None, **options)


def open_database(database: str | None) -> Database:
    """The database the command works on: ``--database``, else the settings'."""
    return connect(settings=settings_from(database_url=database))


