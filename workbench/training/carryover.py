"""Carrying an earlier training journal over into the gradebook, once, with nothing lost.

Earlier versions kept trainees' attempts in a database of their own: the file
``<data_dir>/training/journal.db`` on a laptop, or ``<main>_training`` beside the main store
on PostgreSQL. The first time a trainee is opened after an upgrade, every trainee, attempt
(with each check's score and message), hint and reset in it is copied into the gradebook:
the trainees into the self-study camp with their old sandboxes, each attempt under a UUID
derived from the journal's own id, so copying twice changes nothing. The journal is then
marked as carried over (the file renamed ``journal.db.carried-over``; on PostgreSQL a table
``carried_over`` in it) and kept, never deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuidlib
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from workbench.config import Settings
from workbench.db import stores
from workbench.db.engine import parse_url, translate_error
from workbench.db.gradebook import Attempt, ExerciseReset, HintShown
from workbench.errors import ConfigError
from workbench.training.gradebook import SELF_STUDY, Gradebook, self_study_id
from workbench.training.sandbox import training_dir

__all__ = ["carry_over_journal", "journal_location"]

#: Namespace of the UUIDs given to carried-over attempts (stable: a second copy is a no-op).
_NAMESPACE = uuidlib.UUID("6f2b1c1e-7a53-4c55-9d0e-6b1f0a9c3e21")
_MARK = "carried_over"


def journal_location(settings: Settings) -> str | None:
    """The URL of an earlier journal still to carry over, or ``None`` when there is none."""
    main = settings.resolved_database_url
    if stores.is_postgresql(main):
        try:
            url = stores.sibling_url(main, "training")
        except ConfigError:
            return None  # a name too long for a journal: there never was one
        if not stores.database_exists(url):
            return None
        return url.render_as_string(hide_password=False)
    path = training_dir(settings) / "journal.db"
    return f"sqlite:///{path}" if path.is_file() else None


def carry_over_journal(settings: Settings, gradebook: Gradebook) -> int:
    """Copy an earlier journal into ``gradebook`` if there is one; the attempts copied."""
    url = journal_location(settings)
    if url is None:
        return 0
    engine = create_engine(parse_url(url))
    try:
        with engine.connect() as conn:
            if _MARK in inspect(conn).get_table_names():
                return 0
            copied = _copy(conn, gradebook)
        _mark(engine, url)
    except Exception as exc:
        raise translate_error(exc, parse_url(url).render_as_string(hide_password=True)) from exc
    finally:
        engine.dispose()
    return copied


def _copy(journal: Connection, gradebook: Gradebook) -> int:
    trainees = journal.execute(text("SELECT trainee_id, name, slug FROM trainee")).all()
    ids: dict[int, int] = {}
    names: dict[int, str] = {}
    for old_id, name, slug in trainees:
        enrolled = gradebook.find(SELF_STUDY, self_study_id(name)) or gradebook.enrol(
            SELF_STUDY, self_study_id(name), name, sandbox=slug
        )
        ids[int(old_id)], names[int(old_id)] = enrolled.trainee_id, name
    copied = 0
    with gradebook.db.begin() as conn:
        for row in journal.execute(text("SELECT * FROM attempt ORDER BY attempt_id")).mappings():
            if int(row["trainee_id"]) not in ids:
                continue
            key = str(uuidlib.uuid5(_NAMESPACE, f"{names[row['trainee_id']]}|{row['attempt_id']}"))
            if conn.scalar(select(Attempt.attempt_id).where(Attempt.uuid == key)) is not None:
                continue
            results: dict[str, Any] = json.loads(row["results"] or "{}")
            checks = [
                {"check": check_id, "score": float(score), "code": f"{check_id}:journal"[:40],
                 "zh": str(message), "en": str(message)}
                for check_id, (score, message) in results.items()
            ]  # fmt: skip
            conn.execute(
                insert(Attempt).values(
                    uuid=key,
                    trainee_id=ids[int(row["trainee_id"])],
                    exercise_id=row["exercise_id"],
                    round=int(row["round"]),
                    kind=row["kind"],
                    at=_when(row["at"]),
                    score=float(row["score"]),
                    points=int(row["points"]),
                    hints_used=int(row["hints_used"]),
                    checks=json.dumps(checks, ensure_ascii=False),
                )
            )
            copied += 1
        for table, model, natural in (
            ("hint", HintShown, ("exercise_id", "round", "number")),
            ("reset", ExerciseReset, ("exercise_id", "round")),
        ):
            for row in journal.execute(text(f"SELECT * FROM {table}")).mappings():
                if int(row["trainee_id"]) not in ids:
                    continue
                values = {k: row[k] for k in natural}
                values["trainee_id"] = ids[int(row["trainee_id"])]
                where = [getattr(model, k) == v for k, v in values.items()]
                if conn.scalar(select(model.trainee_id).where(*where)) is not None:
                    continue
                extra = {"undone_through": int(row["undone_through"])} if table == "reset" else {}
                conn.execute(insert(model).values(**values, at=_when(row["at"]), **extra))
    return copied


def _when(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _mark(engine: Engine, url: str) -> None:
    if stores.is_postgresql(url):
        with engine.begin() as conn:
            conn.execute(text(f"CREATE TABLE IF NOT EXISTS {_MARK} (at TIMESTAMP)"))
            conn.execute(text(f"INSERT INTO {_MARK} VALUES (CURRENT_TIMESTAMP)"))
        return
    with engine.connect() as conn:  # everything into the main file before it is renamed
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    path = Path(str(parse_url(url).database))
    mark = _MARK.replace("_", "-")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.rename(part.with_name(f"{path.name}.{mark}{suffix}"))
