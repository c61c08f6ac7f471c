"""Trainee sandboxes: a database per trainee seeded from the camp world, and undo by audit.

On a laptop each trainee's sandbox is one SQLite file, ``<data_dir>/training/<slug>/crm.db``.
On the shared PostgreSQL server it is one database per trainee, named after the configured
database: ``<name>_t_<slug>``. ``undo`` reverses what one actor changed, newest first, from
the audit trail; it is how an exercise is reset without touching the trainee's other work.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, create_engine, delete, insert, select, text, update
from sqlalchemy.engine import make_url

from workbench.config import Settings
from workbench.db.engine import Database, connect, translate_error
from workbench.db.models import Audit, Base
from workbench.errors import ConfigError
from workbench.sample import load_sample

__all__ = ["drop_sandbox", "open_sandbox", "sandbox_url", "slug", "training_dir", "undo"]

#: The world every sandbox starts from.
SANDBOX_SCALE, SANDBOX_SEED = "camp", 0


def slug(name: str) -> str:
    """A file- and database-safe name for a trainee: its Latin letters plus a short hash.

    >>> slug("张伟"), slug("Zhang Wei")
    ('t_4e999891', 'zhang_wei_7ba6125a')
    """
    name = name.strip()
    if not name:
        raise ConfigError(
            "a trainee needs a name: give it after `workbench train` or set WORKBENCH_TRAINEE"
        )
    latin = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:30]
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{latin or 't'}_{digest}"


def training_dir(settings: Settings) -> Path:
    """The folder of the training files: ``<data_dir>/training``."""
    return settings.data_dir / "training"


def _is_postgres(settings: Settings) -> bool:
    return make_url(settings.resolved_database_url).get_backend_name() == "postgresql"


def sandbox_url(settings: Settings, who: str) -> str:
    """Where trainee ``who`` (a slug) practises."""
    if _is_postgres(settings):
        url = make_url(settings.resolved_database_url)
        return url.set(database=f"{url.database}_t_{who}"[:63]).render_as_string(
            hide_password=False
        )
    return f"sqlite:///{training_dir(settings) / who / 'crm.db'}"


def _pg_admin(settings: Settings, sql: str) -> None:
    url = make_url(settings.resolved_database_url)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    except Exception as exc:
        raise translate_error(exc, url.render_as_string(hide_password=True)) from exc
    finally:
        engine.dispose()


def _pg_exists(settings: Settings, name: str) -> bool:
    url = make_url(settings.resolved_database_url).set(drivername="postgresql+psycopg")
    engine = create_engine(url.set(database="postgres"))
    try:
        with engine.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
    finally:
        engine.dispose()
    return found is not None


def open_sandbox(settings: Settings, who: str) -> Database:
    """The trainee's sandbox, created and seeded from the camp world on first use."""
    url = sandbox_url(settings, who)
    if _is_postgres(settings):
        name = str(make_url(url).database)
        if not _pg_exists(settings, name):
            _pg_admin(settings, f'CREATE DATABASE "{name}"')
    db = connect(url, settings=settings)
    if db.is_empty():
        load_sample(db, SANDBOX_SCALE, seed=SANDBOX_SEED)
    return db


def drop_sandbox(settings: Settings, who: str) -> None:
    """Remove a trainee's sandbox (their attempt history is kept in the journal)."""
    url = sandbox_url(settings, who)
    if _is_postgres(settings):
        _pg_admin(settings, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
        return
    path = Path(str(make_url(url).database))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# --- undo ---------------------------------------------------------------------------------


def _typed(table: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Audit detail (JSON) back to column values: dates and times from ISO text."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        column = table.columns[key]
        if value is not None and isinstance(column.type, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = dt.date.fromisoformat(value)
        out[key] = value
    return out


def undo(db: Database, actor: str, *, after: int = 0) -> int:
    """Reverse every change ``actor`` made after audit entry ``after``, newest first.

    Inserted rows are deleted, updated columns get their old values, deleted rows come
    back. Each reversal is itself audited under ``undo:<actor>``. Returns the newest audit
    id reversed (``after`` when there was nothing to undo), to pass as ``after`` next time.
    """
    tables = Base.metadata.tables
    newest = after
    with db.begin() as conn:
        changes = conn.execute(
            select(Audit.audit_id, Audit.action, Audit.table_name, Audit.row_key, Audit.detail)
            .where(Audit.actor == actor, Audit.audit_id > after)
            .order_by(Audit.audit_id.desc())
        ).all()
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        for audit_id, action, table_name, row_key, detail in changes:
            newest = max(newest, audit_id)
            table = tables[table_name]
            keys = list(table.primary_key.columns)
            parts = str(row_key).split("|")
            where = [col == int(part) for col, part in zip(keys, parts, strict=True)]
            values = json.loads(detail or "{}")
            if action == "insert":
                conn.execute(delete(table).where(*where))
                reverse = "delete"
            elif action == "update":
                old = _typed(table, {k: v[0] for k, v in values.items()})
                conn.execute(update(table).where(*where).values(**old))
                reverse = "update"
            elif action == "delete":
                conn.execute(insert(table).values(**_typed(table, values)))
                reverse = "insert"
            else:
                continue
            conn.execute(
                insert(Audit).values(
                    at=now,
                    actor=f"undo:{actor}"[:80],
                    action=reverse,
                    table_name=table_name,
                    row_key=row_key,
                    detail=detail,
                )
            )
    return newest
