"""Databases beside the main store on one PostgreSQL server: named, created and dropped here.

A camp server keeps each trainee's sandbox as a database of its own next to the main store
(``<main>_t_<sandbox>``). This module is the one place that works out such a name and that
creates or drops such a database, so the safety rules hold everywhere: a derived database is
never the main store itself, never cut short to fit the server's limit (where two trainees
would end up sharing one), and the main store is never dropped through it.
"""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from workbench.db.engine import parse_url, translate_error
from workbench.errors import ConfigError

__all__ = [
    "PG_NAME_BYTES",
    "create_database",
    "database_exists",
    "drop_database",
    "is_postgresql",
    "sibling_url",
]

#: PostgreSQL's limit on a database name, in bytes (NAMEDATALEN − 1); a longer name is cut.
PG_NAME_BYTES = 63


def is_postgresql(url: str | URL) -> bool:
    """Whether ``url`` names a PostgreSQL database."""
    return parse_url(url).get_backend_name() == "postgresql"


def sibling_url(main: str | URL, suffix: str) -> URL:
    """The URL of the database ``<main's name>_<suffix>`` on the main store's server.

    Parameters
    ----------
    main
        The main store's PostgreSQL URL.
    suffix
        What tells the sibling apart, e.g. ``"t_wang-xiaoming-E0012"``.

    Returns
    -------
    URL
        The sibling's URL (same server, user and options).

    Raises
    ------
    ConfigError
        The name would pass the server's 63-byte limit (PostgreSQL would cut it, and two
        siblings, or a sibling and the main store, could become one database), the suffix
        is empty or holds a quote, or the main URL names no database.
    """
    url = parse_url(main)
    base = url.database
    if not base:
        raise ConfigError(key="error.store.no_name", url=_masked(url))
    if not suffix or any(c in suffix for c in "\"'\\/\0"):
        raise ConfigError(key="error.store.bad_suffix", suffix=suffix)
    name = f"{base}_{suffix}"
    size = len(name.encode("utf-8"))
    if size > PG_NAME_BYTES:
        room = PG_NAME_BYTES - len(f"_{suffix}".encode())
        raise ConfigError(
            key="error.store.name_too_long",
            name=name,
            size=size,
            limit=PG_NAME_BYTES,
            room=max(room, 0),
        )
    return url.set(database=name)


def _admin(url: URL, sql: str, params: dict[str, str] | None = None) -> list[tuple[object, ...]]:
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            result = conn.execute(text(sql), params or {})
            return [tuple(r) for r in result] if result.returns_rows else []
    except Exception as exc:
        raise translate_error(exc, _masked(url)) from exc
    finally:
        engine.dispose()


def _masked(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def database_exists(url: str | URL) -> bool:
    """Whether the PostgreSQL database ``url`` names exists on its server."""
    target = parse_url(url)
    rows = _admin(
        target, "SELECT 1 FROM pg_database WHERE datname = :name", {"name": target.database or ""}
    )
    return bool(rows)


def create_database(url: str | URL) -> bool:
    """Create the PostgreSQL database ``url`` names unless it exists; whether it was created."""
    target = parse_url(url)
    if database_exists(target):
        return False
    _admin(target, f"CREATE DATABASE {_quoted(str(target.database))}")
    return True


def drop_database(url: str | URL, *, main: str | URL) -> None:
    """Drop the PostgreSQL database ``url`` names (closing its connections), if it exists.

    Raises
    ------
    ConfigError
        ``url`` is the main store ``main`` or not one of its siblings: the main store is
        never dropped this way.
    """
    target = parse_url(url)
    home = parse_url(main)
    name, base = str(target.database or ""), str(home.database or "")
    if not base or name == base or not name.startswith(f"{base}_"):
        raise ConfigError(key="error.store.drop_refused", name=name, base=base)
    _admin(target, f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")
