"""Trainee sandboxes: a database per trainee seeded from the camp world, and undo by audit.

A sandbox is named after its trainee (``wang-xiaoming-E0012``, see
:func:`~workbench.training.roster.sandbox_name`). On a laptop it is one SQLite file,
``<data_dir>/training/<sandbox>/crm.db``. On the shared PostgreSQL server it is a database
beside the main store, ``<main>_t_<sandbox>`` (named, created and dropped by
:mod:`workbench.db.stores`, which refuses a name the server would cut short, so a sandbox is
never the main store nor another trainee's). ``undo`` reverses what one actor changed,
newest first, from the audit trail; it is how an exercise is reset without touching the
trainee's other work.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, delete, insert, select, update
from sqlalchemy.engine import make_url

from workbench.config import Settings
from workbench.db import stores
from workbench.db.engine import Database, connect
from workbench.db.models import Audit, Base
from workbench.sample import load_sample

__all__ = ["drop_sandbox", "open_sandbox", "sandbox_dir", "sandbox_url", "training_dir", "undo"]

#: The world every sandbox starts from.
SANDBOX_SCALE, SANDBOX_SEED = "camp", 0


def training_dir(settings: Settings) -> Path:
    """Where trainees' sandboxes, notebooks and drafts live: ``training/`` in the data folder."""
    return settings.data_dir / "training"


def sandbox_dir(settings: Settings, sandbox: str) -> Path:
    """The folder of one trainee: their sandbox file (on a laptop), notebooks and drafts."""
    return training_dir(settings) / sandbox


def sandbox_url(settings: Settings, sandbox: str) -> str:
    """Where the trainee whose sandbox is named ``sandbox`` practises.

    Raises
    ------
    ConfigError
        On PostgreSQL, when the sandbox's database name would not fit the server's limit.
    """
    main = settings.resolved_database_url
    if stores.is_postgresql(main):
        return stores.sibling_url(main, f"t_{sandbox}").render_as_string(hide_password=False)
    return f"sqlite:///{sandbox_dir(settings, sandbox) / 'crm.db'}"


def open_sandbox(settings: Settings, sandbox: str) -> Database:
    """The trainee's sandbox, created and seeded from the camp world on first use."""
    url = sandbox_url(settings, sandbox)
    if stores.is_postgresql(url):
        stores.create_database(url)
    db = connect(url, settings=settings, viewer="owner")  # the trainee owns their sandbox
    if db.is_empty():
        load_sample(db, SANDBOX_SCALE, seed=SANDBOX_SEED)
    return db


def drop_sandbox(settings: Settings, sandbox: str) -> None:
    """Remove a trainee's sandbox (their results stay in the gradebook)."""
    url = sandbox_url(settings, sandbox)
    if stores.is_postgresql(url):
        stores.drop_database(url, main=settings.resolved_database_url)
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
