"""Reading a camp bundle on the trainer's machine, every value checked before anything is written.

:func:`read_bundle` unpacks the zip (refusing one that is damaged, too large, or names a part
twice); :func:`check_bundle` reads every row of its parts as the gradebook keeps it, refusing
the bundle at the first value the gradebook would not take, the message naming the part and
field. :mod:`workbench.training.bundles` writes and merges bundles with them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import lzma
import math
import re
import uuid
import zipfile
import zlib
from pathlib import Path
from typing import Any

from workbench.db.gradebook import TRAINEE_NAME_LENGTH
from workbench.errors import BundleRefused, FileUnusable
from workbench.training.exercises import EXERCISES
from workbench.training.spec import Exercise

__all__ = ["MAX_UNPACKED", "check_bundle", "read_bundle"]

#: The most a bundle may unpack to: far beyond a camp's results, far short of a zip bomb.
MAX_UNPACKED = 100 * 2**20
#: The largest integer the gradebook's columns hold on every backend.
_INT_MAX = 2**31 - 1
#: What a sandbox name is made of (a part's name and a folder's).
_SANDBOX = re.compile(r"[A-Za-z0-9_-]{1,64}")
_DAMAGE = (
    zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, KeyError, OSError,
    zlib.error, lzma.LZMAError, NotImplementedError, RuntimeError,
)  # fmt: skip


def read_bundle(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_UNPACKED + 1)
    except FileNotFoundError as exc:
        raise FileUnusable(key="error.bundle.missing", path=path) from exc
    except OSError as exc:
        raise FileUnusable(
            key="error.bundle.unreadable", path=path, reason=exc.strerror or type(exc).__name__
        ) from exc
    if len(data) > MAX_UNPACKED:
        raise BundleRefused(
            key="error.bundle.too_large",
            name=path.name,
            size=path.stat().st_size // 2**20,
            limit=MAX_UNPACKED // 2**20,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            names = bundle.namelist()
            if "manifest.json" not in names:
                raise BundleRefused(key="error.bundle.no_manifest", name=path.name)
            twice = sorted({n for n in names if names.count(n) > 1})
            if twice:
                raise BundleRefused(
                    key="error.bundle.twice", name=path.name, field="part", value=_shown(twice[0])
                )
            size = sum(info.file_size for info in bundle.infolist())
            if size > MAX_UNPACKED:
                raise BundleRefused(
                    key="error.bundle.too_large",
                    name=path.name,
                    size=size // 2**20,
                    limit=MAX_UNPACKED // 2**20,
                )
            manifest = _parse(path.name, "manifest.json", bundle.read("manifest.json"))
            parts = {n: bundle.read(n) for n in names if n != "manifest.json"}
    except _DAMAGE as exc:
        raise BundleRefused(key="error.bundle.damaged", name=path.name, detail=_said(exc)) from exc
    if not isinstance(manifest, dict):
        raise BundleRefused(key="error.bundle.edited", name=path.name)
    return manifest, parts


def _said(exc: BaseException) -> str:
    """What went wrong, on one line and short."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def _shown(value: Any) -> str:
    """A value as a message names it: quoted, every unprintable character escaped, short."""
    try:
        text = repr(value)
    except RecursionError:  # nested past reason
        text = type(value).__name__
    return text if len(text) <= 40 else text[:39] + "…"


def _at(where: str, key: str) -> str:
    """A field's name in a message: ``gradebook.json attempts[2].score``."""
    return f"{where} {key}" if where.endswith(".json") else f"{where}.{key}"


def _parse(name: str, part: str, data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, nested past reason
        raise BundleRefused(
            key="error.bundle.damaged", name=name, detail=f"{part}: {_said(exc)}"
        ) from exc


class _Rows:
    """Reads one bundle's documents.

    Each reading refuses the bundle at the first value the gradebook would not take, naming
    the part and field that hold it.
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def bad(self, field: str, value: Any) -> BundleRefused:
        return BundleRefused(
            key="error.bundle.bad_value", name=self.name, field=field, value=_shown(value)
        )

    def get(self, row: Any, key: str, where: str) -> Any:
        if not isinstance(row, dict):
            raise self.bad(where, row)
        if key not in row:
            raise BundleRefused(key="error.bundle.missing_field", name=self.name,
                                field=_at(where, key))  # fmt: skip
        return row[key]

    def text(self, row: Any, key: str, where: str, *, most: int = 10_000) -> str:
        value = self.get(row, key, where)
        if not isinstance(value, str) or not value or len(value) > most or "\x00" in value:
            raise self.bad(_at(where, key), value)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no UTF-8 text holds it
            raise self.bad(_at(where, key), value) from None
        return value

    def maybe_text(self, row: Any, key: str, where: str) -> str | None:
        return None if self.get(row, key, where) is None else self.text(row, key, where)

    def integer(self, row: Any, key: str, where: str, least: int, most: int = _INT_MAX) -> int:
        value = self.get(row, key, where)
        if type(value) is not int or not least <= value <= most:
            raise self.bad(_at(where, key), value)
        return value

    def number(self, row: Any, key: str, where: str, most: float) -> float:
        value = self.get(row, key, where)
        if type(value) not in (int, float) or not math.isfinite(value) or not 0 <= value <= most:
            raise self.bad(_at(where, key), value)
        return float(value)

    def time(self, row: Any, key: str, where: str) -> dt.datetime:
        value = self.text(row, key, where, most=40)
        try:
            when = dt.datetime.fromisoformat(value)
        except ValueError:
            raise self.bad(_at(where, key), value) from None
        if when.tzinfo is not None:  # the gradebook keeps UTC without a zone, as exported
            raise self.bad(_at(where, key), value)
        return when

    def choice(self, row: Any, key: str, where: str, choices: Any) -> str:
        value = self.get(row, key, where)
        if not isinstance(value, str) or value not in choices:
            raise self.bad(_at(where, key), value)
        return value

    def rows(self, document: Any, key: str, part: str) -> list[Any]:
        value = self.get(document, key, part)
        if not isinstance(value, list):
            raise self.bad(_at(part, key), value)
        return value


def check_bundle(name: str, manifest: dict[str, Any], parts: dict[str, bytes]) -> dict[str, Any]:
    """Everything the bundle would add, each value as the gradebook keeps it.

    Raises
    ------
    BundleRefused
        A part or a value the gradebook would not take, named.
    """
    r = _Rows(name)
    code = r.text(manifest, "camp", "manifest.json", most=40)
    people = r.rows(manifest, "trainees", "manifest.json")
    sandboxes: dict[str, str] = {}  # employee id -> the laptop's sandbox
    for i, person in enumerate(people):
        where = f"manifest.json trainees[{i}]"
        employee_id = r.text(person, "employee_id", where, most=40)
        r.text(person, "name", where, most=TRAINEE_NAME_LENGTH)
        sandbox = r.text(person, "sandbox", where, most=64)
        if not _SANDBOX.fullmatch(sandbox):
            raise r.bad(f"{where}.sandbox", sandbox)
        for field, value, seen in (
            ("employee_id", employee_id, sandboxes),
            ("sandbox", sandbox, sandboxes.values()),
        ):
            if value in seen:
                raise BundleRefused(key="error.bundle.twice", name=name, field=f"{where}.{field}",
                                    value=_shown(value))  # fmt: skip
        sandboxes[employee_id] = sandbox
    wanted = {"gradebook.json"} | {f"entries/{s}.json" for s in sandboxes.values()}
    extra, missing = sorted(set(parts) - wanted), sorted(wanted - set(parts))
    if extra:
        raise BundleRefused(key="error.bundle.extra_part", name=name, part=_shown(extra[0]))
    if missing:
        raise BundleRefused(key="error.bundle.missing_field", name=name, field=missing[0])
    book = _parse(name, "gradebook.json", parts["gradebook.json"])
    tables = {t: r.rows(book, t, "gradebook.json") for t in ("attempts", "hints", "resets")}
    counts = manifest.get("counts")
    if counts != {t: len(rows) for t, rows in tables.items()}:
        raise r.bad("manifest.json counts", counts)

    def exercise(row: Any, where: str) -> tuple[str, Exercise]:
        exercise_id = r.choice(row, "exercise_id", where, EXERCISES)
        return exercise_id, EXERCISES[exercise_id]

    attempts: list[dict[str, Any]] = []
    for i, a in enumerate(tables["attempts"]):
        where = f"gradebook.json attempts[{i}]"
        key = r.text(a, "uuid", where, most=36)
        try:
            canonical = str(uuid.UUID(key)) == key
        except ValueError:
            canonical = False
        if not canonical:
            raise r.bad(f"{where}.uuid", key)
        if any(key == other["uuid"] for other in attempts):
            raise BundleRefused(key="error.bundle.twice", name=name, field=f"{where}.uuid",
                                value=_shown(key))  # fmt: skip
        exercise_id, spec = exercise(a, where)
        points = r.integer(a, "points", where, spec.points, spec.points)
        checks = r.get(a, "checks", where)
        if not isinstance(checks, list):
            raise r.bad(f"{where}.checks", checks)
        ids = {c.id for c in spec.checks}
        outcomes: list[dict[str, Any]] = []
        for j, c in enumerate(checks):
            inner = f"{where}.checks[{j}]"
            check = r.choice(c, "check", inner, ids)
            if any(check == o["check"] for o in outcomes):
                raise BundleRefused(key="error.bundle.twice", name=name, field=f"{inner}.check",
                                    value=_shown(check))  # fmt: skip
            outcomes.append(
                {"check": check, "score": r.number(c, "score", inner, 1),
                 "code": r.text(c, "code", inner, most=200), "zh": r.text(c, "zh", inner),
                 "en": r.text(c, "en", inner)}
            )  # fmt: skip
        attempts.append(
            {"uuid": key, "employee_id": r.choice(a, "employee_id", where, sandboxes),
             "exercise_id": exercise_id, "round": r.integer(a, "round", where, 1),
             "kind": r.choice(a, "kind", where, ("check", "submit")), "at": r.time(a, "at", where),
             "score": r.number(a, "score", where, points), "points": points,
             "hints_used": r.integer(a, "hints_used", where, 0, len(spec.hints)),
             "checks": json.dumps(outcomes, ensure_ascii=False)}
        )  # fmt: skip
    hints = []
    for i, h in enumerate(tables["hints"]):
        where = f"gradebook.json hints[{i}]"
        exercise_id, spec = exercise(h, where)
        hints.append(
            {"employee_id": r.choice(h, "employee_id", where, sandboxes),
             "exercise_id": exercise_id, "round": r.integer(h, "round", where, 1),
             "number": r.integer(h, "number", where, 1, len(spec.hints)),
             "at": r.time(h, "at", where)}
        )  # fmt: skip
    resets = []
    for i, x in enumerate(tables["resets"]):
        where = f"gradebook.json resets[{i}]"
        resets.append(
            {"employee_id": r.choice(x, "employee_id", where, sandboxes),
             "exercise_id": exercise(x, where)[0], "round": r.integer(x, "round", where, 2),
             "at": r.time(x, "at", where),
             "undone_through": r.integer(x, "undone_through", where, 0)}
        )  # fmt: skip
    entries: dict[str, tuple[bytes, int]] = {}  # employee id -> the part, its entries
    for employee_id, sandbox in sandboxes.items():
        part = f"entries/{sandbox}.json"
        trail = _parse(name, part, parts[part])
        if not isinstance(trail, list):
            raise r.bad(part, trail)
        for i, e in enumerate(trail):
            where = f"{part} [{i}]"
            r.time(e, "at", where)
            actor = r.text(e, "actor", where, most=80)
            if not actor.startswith(f"trainee:{sandbox}:"):
                raise r.bad(f"{where}.actor", actor)
            r.choice(e, "action", where, ("insert", "update", "delete", "load"))
            r.text(e, "table_name", where, most=40)
            for key in ("row_key", "detail"):
                r.maybe_text(e, key, where)
        entries[employee_id] = (parts[part], len(trail))
    return {"camp": code, "trainees": sorted(sandboxes), "attempts": attempts, "hints": hints,
            "resets": resets, "entries": entries}  # fmt: skip
