"""Schema migrations with Alembic: the schema is created and upgraded by revisions only.

``upgrade(engine)`` brings any database to the newest revision. It refuses a database
that holds tables but is not a workbench database, and one whose schema is newer than
this version of the workbench; ``verify(engine)`` only checks that a database this user may
not write is at the newest revision. On PostgreSQL an advisory lock keeps two workbenches that
start together from migrating at once.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from workbench.errors import ForeignStore, StoreRefused

__all__ = ["alembic_config", "current_revision", "head_revision", "upgrade", "verify"]

MIGRATIONS = Path(__file__).with_name("migrations")
_PG_LOCK_KEY = 0x57_42_4E_43  # "WBNC"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for the workbench's revisions, bound to ``connection`` if given."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest revision this version of the workbench knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, or ``None`` when it has never been migrated."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the schema in one transaction.

    Parameters
    ----------
    engine
        The database to migrate.
    revision
        The revision to bring the schema to; the newest (``"head"``) by default.

    Raises
    ------
    ForeignStore
        The database holds tables but is not a workbench database, or its schema is newer
        than this version of the workbench.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        current, head = _ours(conn)
        if current == head:
            return
        command.upgrade(alembic_config(conn), revision)


def verify(engine: Engine) -> None:
    """Check, without changing anything, that the schema is at the newest revision.

    For a database this user may read but not write: it cannot be migrated here.

    Raises
    ------
    ForeignStore
        The database holds tables but is not a workbench database, or its schema is newer
        than this version of the workbench.
    StoreRefused
        The schema is older than this version of the workbench (or not made yet): whoever may
        write the database should run ``workbench init``.
    """
    with engine.connect() as conn:
        current, head = _ours(conn)
    if current != head:
        raise StoreRefused(
            key="error.store.read_only_schema",
            where=engine.url.render_as_string(hide_password=True),
            version=current or "none",
            head=head,
        )


def _ours(conn: Connection) -> tuple[str | None, str | None]:
    """The revision the database is at and the newest; a foreign or newer schema is refused."""
    tables = set(inspect(conn).get_table_names())
    current = current_revision(conn)
    where = conn.engine.url.render_as_string(hide_password=True)
    if current is None and tables - {"alembic_version"}:
        raise ForeignStore(
            key="error.store.not_workbench", where=where, tables=", ".join(sorted(tables)[:5])
        )
    script = ScriptDirectory.from_config(alembic_config())
    if current is not None and not _known(script, current):
        raise ForeignStore(key="error.store.newer", where=where, version=current)
    return current, script.get_current_head()


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises its own resolution errors for unknown ids
        return False
