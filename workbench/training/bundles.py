"""Results from laptops that had no network: one bundle per laptop, merged once.

On a trainee's laptop ``workbench camp export CAMP --out FILE`` writes one bundle: a zip
with ``manifest.json`` (the camp, the trainees, what is inside and the SHA-256 of each
part) and ``gradebook.json`` (every attempt with each check's outcome, every hint and reset
of the camp's trainees on that laptop, keyed by employee id and attempt UUID) and, per
trainee, ``entries/<sandbox>.json`` (what they entered in their sandbox, from its audit
trail). On the trainer's machine ``workbench camp import FILE`` merges it in one
transaction: what is there already is skipped, so importing the same bundle twice changes
nothing and a later bundle from the same laptop adds only what is new. A truncated or
edited bundle, one of another camp, one naming trainees the camp does not have, or one
holding a value the gradebook does not take (a score beyond the exercise's points, an
exercise that does not exist, a trainee the bundle does not list) is refused whole, with one
line naming the part and field: every value is checked before anything is written, since a
checksum anyone can compute again proves only that nothing was damaged on the way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from workbench._version import __version__
from workbench.config import Settings
from workbench.db.engine import Database
from workbench.db.gradebook import (
    Attempt,
    Camp,
    ExerciseReset,
    HintShown,
    Trainee,
)
from workbench.db.models import Audit
from workbench.errors import BundleRefused, FileUnusable, MissingEntry
from workbench.training._bundle_reading import MAX_UNPACKED, check_bundle, read_bundle
from workbench.training.sandbox import sandbox_dir, sandbox_url

__all__ = ["BUNDLE_FORMAT", "MAX_UNPACKED", "Imported", "export_bundle", "import_bundle"]

#: The bundle layout this version writes and reads.
BUNDLE_FORMAT = 1


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1, default=str).encode()


def export_bundle(db: Database, settings: Settings, camp: str, out: Path | str) -> Path:
    """Write the camp's results on this machine into the bundle ``out``.

    Raises
    ------
    MissingEntry
        There is no such camp here.
    FileUnusable
        The bundle cannot be written there.
    """
    with db.begin() as conn:
        camp_id = conn.scalar(select(Camp.camp_id).where(Camp.code == camp))
        if camp_id is None:
            raise MissingEntry(key="error.camp.missing_here", code=camp)
        people = conn.execute(select(Trainee).where(Trainee.camp_id == camp_id)).all()
        by_id = {p.trainee_id: p.employee_id for p in people}
        attempts = conn.execute(select(Attempt).where(Attempt.trainee_id.in_(by_id))).all()
        hints = conn.execute(select(HintShown).where(HintShown.trainee_id.in_(by_id))).all()
        resets = conn.execute(
            select(ExerciseReset).where(ExerciseReset.trainee_id.in_(by_id))
        ).all()
    gradebook = {
        "attempts": [
            {"uuid": a.uuid, "employee_id": by_id[a.trainee_id], "exercise_id": a.exercise_id,
             "round": a.round, "kind": a.kind, "at": a.at.isoformat(), "score": a.score,
             "points": a.points, "hints_used": a.hints_used,
             "checks": json.loads(a.checks)}
            for a in sorted(attempts, key=lambda a: a.uuid)
        ],
        "hints": [
            {"employee_id": by_id[h.trainee_id], "exercise_id": h.exercise_id,
             "round": h.round, "number": h.number, "at": h.at.isoformat()}
            for h in hints
        ],
        "resets": [
            {"employee_id": by_id[r.trainee_id], "exercise_id": r.exercise_id,
             "round": r.round, "at": r.at.isoformat(), "undone_through": r.undone_through}
            for r in resets
        ],
    }  # fmt: skip
    parts: dict[str, bytes] = {"gradebook.json": _json(gradebook)}
    for person in people:
        parts[f"entries/{person.sandbox}.json"] = _json(_entries(settings, person.sandbox))
    manifest = {
        "format": BUNDLE_FORMAT,
        "workbench": __version__,
        "camp": camp,
        "made_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(),
        "trainees": sorted(
            ({"employee_id": p.employee_id, "name": p.name, "sandbox": p.sandbox} for p in people),
            key=lambda t: t["employee_id"],
        ),
        "counts": {k: len(v) for k, v in gradebook.items()},
        "parts": {name: _digest(data) for name, data in sorted(parts.items())},
    }
    manifest["checksum"] = _digest(_json({k: v for k, v in manifest.items()}))
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.part")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("manifest.json", _json(manifest))
            for name, data in sorted(parts.items()):
                bundle.writestr(name, data)
        tmp.replace(path)
    except OSError as exc:
        raise FileUnusable(key="error.bundle.unwritable", path=path, reason=exc.strerror) from exc
    return path


def _entries(settings: Settings, sandbox: str) -> list[dict[str, Any]]:
    """What the trainee entered in their sandbox: its audit trail under their actors."""
    url = sandbox_url(settings, sandbox)
    from workbench.db.engine import connect  # the sandbox only, when there is one

    path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
    if path is not None and not path.exists():
        return []
    db = connect(url, settings=settings, migrate=False, viewer="owner")  # a file of its own
    try:
        with db.begin() as conn:
            rows = conn.execute(
                select(Audit)
                .where(Audit.actor.like(f"trainee:{sandbox}:%"))
                .order_by(Audit.audit_id)
            ).all()
    finally:
        db.close()
    return [
        {"at": r.at.isoformat(), "actor": r.actor, "action": r.action,
         "table_name": r.table_name, "row_key": r.row_key, "detail": r.detail}
        for r in rows
    ]  # fmt: skip


class Imported(dict[str, int]):
    """What an import added: ``attempts``, ``hints``, ``resets`` and ``entries``."""


def import_bundle(
    db: Database, settings: Settings, path: Path | str, *, camp: str | None = None
) -> Imported:
    """Merge a laptop's bundle into the camp in ``db`` (the trainer's gradebook).

    Every part is read and every value checked before anything is written: a bundle that is
    damaged, edited, of another camp, or holds a row the gradebook would not take (a score
    beyond the exercise's points, an exercise that does not exist, a trainee the bundle does not
    list) is refused whole, the message naming the part and field.

    Parameters
    ----------
    db
        The trainer's main store.
    settings
        Where each trainee's entries are kept: ``entries.json`` in their folder.
    path
        The bundle.
    camp
        The camp it must belong to; default the camp it names, which must exist here.

    Returns
    -------
    Imported
        How many attempts, hints, resets and entries were new.

    Raises
    ------
    BundleRefused
        The bundle is damaged, edited, of another camp, names trainees the camp does not
        have, or holds a value the gradebook does not take; nothing was imported.
    FileUnusable
        There is no file at ``path``, it cannot be read, or a trainee's entries cannot be
        kept; nothing was imported.
    """
    path = Path(path)
    manifest, parts = read_bundle(path)
    claimed = manifest.pop("checksum", None)
    try:
        expected = _digest(_json(manifest))
    except (ValueError, RecursionError):  # a lone surrogate, or nested past reason
        expected = None
    if type(manifest.get("format")) is not int or manifest["format"] != BUNDLE_FORMAT:
        raise BundleRefused(key="error.bundle.edited", name=path.name)
    if claimed != expected:
        raise BundleRefused(key="error.bundle.edited", name=path.name)
    listed = manifest.get("parts")
    if (
        not isinstance(listed, dict)
        or set(listed) != set(parts)
        or any(_digest(parts[n]) != d for n, d in listed.items())
    ):
        raise BundleRefused(key="error.bundle.part_changed", name=path.name)
    bundle = check_bundle(path.name, manifest, parts)
    code = bundle["camp"]
    if camp is not None and code != camp:
        raise BundleRefused(key="error.bundle.other_camp", name=path.name, code=code, camp=camp)
    added = Imported(attempts=0, hints=0, resets=0, entries=0)
    kept: list[tuple[Path, bytes | None]] = []  # each entries file written, and what it held
    try:
        with db.begin() as conn:
            camp_id = conn.scalar(select(Camp.camp_id).where(Camp.code == code))
            if camp_id is None:
                raise BundleRefused(key="error.bundle.camp_absent", name=path.name, code=code)
            here = {
                r.employee_id: (r.trainee_id, r.sandbox)
                for r in conn.execute(
                    select(Trainee.employee_id, Trainee.trainee_id, Trainee.sandbox).where(
                        Trainee.camp_id == camp_id
                    )
                )
            }
            strangers = sorted(set(bundle["trainees"]) - set(here))
            if strangers:
                raise BundleRefused(
                    key="error.bundle.strangers",
                    name=path.name,
                    code=code,
                    strangers=", ".join(strangers),
                )
            ids = {employee_id: trainee_id for employee_id, (trainee_id, _) in here.items()}
            keys = [a["uuid"] for a in bundle["attempts"]]
            owner: dict[str, int] = {}
            for start in range(0, len(keys), 500):
                found = conn.execute(
                    select(Attempt.uuid, Attempt.trainee_id).where(
                        Attempt.uuid.in_(keys[start : start + 500])
                    )
                )
                owner.update((key, trainee_id) for key, trainee_id in found)
            for a in bundle["attempts"]:
                trainee_id = ids[a.pop("employee_id")]
                if a["uuid"] in owner:
                    if owner[a["uuid"]] != trainee_id:
                        raise BundleRefused(
                            key="error.bundle.uuid_taken", name=path.name, uuid=a["uuid"]
                        )
                    continue
                conn.execute(insert(Attempt).values(**a, trainee_id=trainee_id))
                added["attempts"] += 1
            for h in bundle["hints"]:
                key = {"trainee_id": ids[h["employee_id"]], "exercise_id": h["exercise_id"],
                       "round": h["round"], "number": h["number"]}  # fmt: skip
                if conn.scalar(select(HintShown.trainee_id).filter_by(**key)) is None:
                    conn.execute(insert(HintShown).values(**key, at=h["at"]))
                    added["hints"] += 1
            for x in bundle["resets"]:
                key = {"trainee_id": ids[x["employee_id"]], "exercise_id": x["exercise_id"],
                       "round": x["round"]}  # fmt: skip
                if conn.scalar(select(ExerciseReset.trainee_id).filter_by(**key)) is None:
                    conn.execute(
                        insert(ExerciseReset).values(
                            **key, at=x["at"], undone_through=x["undone_through"]
                        )
                    )
                    added["resets"] += 1
            for employee_id, (data, count) in bundle["entries"].items():
                target = sandbox_dir(settings, here[employee_id][1]) / "entries.json"
                added["entries"] += _keep_entries(target, data, count, kept)
    except BaseException:
        _unkeep(kept)  # the gradebook rolled back: so do the entries
        raise
    return added


def _keep_entries(
    target: Path, data: bytes, count: int, kept: list[tuple[Path, bytes | None]]
) -> int:
    """Keep a trainee's entries in their folder; the longer trail (the later bundle) wins."""
    try:
        old = target.read_bytes() if target.exists() else None
    except OSError as exc:
        raise FileUnusable(
            key="error.bundle.entries_unwritable", path=target, reason=exc.strerror
        ) from exc
    try:
        trail = json.loads(old) if old is not None else []
    except (ValueError, RecursionError):
        trail = None  # a copy no one can read: the bundle's trail takes its place
    had = len(trail) if isinstance(trail, list) else 0
    if count <= had:
        return 0
    kept.append((target, old))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(f".{target.name}.part")
        part.write_bytes(data)
        part.replace(target)
    except OSError as exc:
        raise FileUnusable(
            key="error.bundle.entries_unwritable", path=target, reason=exc.strerror
        ) from exc
    return count - had


def _unkeep(kept: list[tuple[Path, bytes | None]]) -> None:
    """Put back the entries files an import wrote before it failed."""
    for target, old in reversed(kept):
        with contextlib.suppress(OSError):
            target.with_name(f".{target.name}.part").unlink(missing_ok=True)
            if old is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(old)
