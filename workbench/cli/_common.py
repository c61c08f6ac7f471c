"""What every ``workbench`` command shares: the database option, settings, one-line errors.

What a command prints for a person to read, it says with :func:`say`: a line of the
catalogue (``cli.say.*``) in the terminal's language.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from workbench.command import interrupted
from workbench.config import Settings, terminal_lang
from workbench.db.engine import Database, connect
from workbench.errors import WorkbenchError
from workbench.i18n import text

__all__ = [
    "SEED",
    "closed_after",
    "database_option",
    "friendly",
    "open_database",
    "said",
    "say",
    "settings_from",
]

F = TypeVar("F", bound=Callable[..., Any])

#: a seed of the sample world: numpy takes 0 to 2**32 - 1
SEED = click.IntRange(0, 2**32 - 1)

database_option = click.option(
    "--database",
    "database",
    metavar="URL",
    help="SQLAlchemy URL of the database, e.g. postgresql://postgres@127.0.0.1:5432/crm. "
    "Default: WORKBENCH_DATABASE_URL, else the embedded SQLite file in the data folder "
    "(WORKBENCH_DATA_DIR).",
)


#: the line breaks and other control characters a value may bring into an error (a folder
#: named with a newline), shown as escapes so the error stays one line
_ONE_LINE = {c: f"\\x{c:02x}" for c in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t"}


def friendly(func: F) -> F:
    """Turn workbench errors into one line, in the terminal's language, and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except WorkbenchError as exc:
            lang = terminal_lang()
            said = exc.message(lang).translate(_ONE_LINE)
            click.echo(f"{text('cli.error', lang)}{said}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            interrupted()

    return wrapper  # type: ignore[return-value]


def said(key: str, **values: object) -> str:
    """The catalogue's ``key`` in the terminal's language (:func:`terminal_lang`), filled in."""
    return text(key, terminal_lang(), **values)


def say(key: str, *, err: bool = False, **values: object) -> None:
    """Print the catalogue's ``key`` in the terminal's language; on stderr with ``err``."""
    click.echo(said(key, **values), err=err)


def settings_from(**options: object) -> Settings:
    """The command's settings: the environment, with the command line's options winning.

    An option left out is ``None`` and keeps the environment's value.
    """
    return Settings.from_env(None, **options)


def open_database(database: str | None) -> Database:
    """The database the command works on: ``--database``, else the settings'.

    It is closed when the command ends, however it ends.
    """
    return closed_after(connect(settings=settings_from(database_url=database)))


def closed_after(db: Database) -> Database:
    """``db``, closed when the running command ends, however it ends."""
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(db.close)
    return db
