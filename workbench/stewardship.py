"""Doctors stored twice: found by a match run, merged into one, and unmerged exactly.

>>> import workbench
>>> from workbench.sample import load_sample
>>> from workbench.stewardship import doctor_matches, merge_doctors, unmerge
>>> db = workbench.connect("sqlite://")
>>> _ = load_sample(db, "camp", seed=0)
>>> pairs = doctor_matches(db)
>>> list(pairs.columns)  # doctest: +NORMALIZE_WHITESPACE
['doctor_id', 'other_id', 'name', 'other_name', 'hospital', 'same_department', 'reasons',
 'score']
>>> first = pairs.iloc[0]
>>> merge = merge_doctors(db, keep=int(first.doctor_id), drop=int(first.other_id))
>>> unmerge(db, merge)

The match run compares the doctors of each hospital with each other, and every doctor with
the doctors sharing their mobile number, by the rule guided entry warns with
(:func:`workbench.entry.duplicates.likely_same_doctor`): similar names in characters or in
pinyin, or the same mobile. Comparing within a hospital, not every doctor with every other,
keeps a national run to seconds.

A merge keeps one doctor (its fields win; an empty one takes the other's value), re-points
the other's calls, plans, invitations, assignments, affiliations and potential to it
(a row the kept doctor already has for the same department, or product and quarter, is
dropped), and deletes the other. It is one transaction, every change is written to the
audit trail, and the steward's log (``doctor_merge``) keeps what undoing it needs:
:func:`unmerge` gives back exactly the rows there were.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from sqlalchemy import Connection, Date, DateTime, Table, and_, delete, insert, select, update

from workbench.db.engine import Database
from workbench.db.models import Audit, Base
from workbench.db.stewardship import DoctorMerge
from workbench.entry.duplicates import NAME_SIMILARITY, PINYIN_SIMILARITY
from workbench.errors import ConfigError, MissingEntry, NotPermitted, RuleViolation

__all__ = ["MATCH_COLUMNS", "doctor_matches", "merge_doctors", "merges", "unmerge"]

#: the columns of :func:`doctor_matches`
MATCH_COLUMNS = (
    "doctor_id",
    "other_id",
    "name",
    "other_name",
    "hospital",
    "same_department",
    "reasons",
    "score",
)

#: the doctor's fields a merge may fill from the merged doctor when the kept one's is empty
FILLED = ("name_pinyin", "gender", "title", "specialty", "mobile")

_t = Base.metadata.tables
#: tables whose rows name a doctor by a key of their own: re-pointed, never dropped
_MOVED = ("call", "assignment", "plan_item", "invitation")
#: tables whose key holds the doctor: a row the kept doctor has already is dropped
_KEYED = {"affiliation": ("department_id",), "potential": ("product_id", "period_start")}


def _plain(pinyin: Any) -> str:
    return "".join(ch for ch in str(pinyin or "").lower() if ch.isalpha())


def _owner(db: Database) -> None:
    if db.scope.restricted:
        raise NotPermitted(key="error.merge.owner_only", viewer=db.scope.viewer)


def _doctors(db: Database) -> pd.DataFrame:
    d, a, dep, h = _t["doctor"], _t["affiliation"], _t["department"], _t["hospital"]
    query = select(
        d.c.doctor_id,
        d.c.name,
        d.c.name_pinyin,
        d.c.mobile,
        dep.c.department_id,
        h.c.hospital_id,
        h.c.name.label("hospital"),
    ).select_from(
        d.outerjoin(a, a.c.doctor_id == d.c.doctor_id)
        .outerjoin(dep, dep.c.department_id == a.c.department_id)
        .outerjoin(h, h.c.hospital_id == dep.c.hospital_id)
    )
    if db.scope.restricted:  # a viewer compares only the doctors they see
        query = query.where(db.scope.where("doctor"))
    with db.begin() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=list(query.selected_columns.keys()))


def _pairs_in(block: pd.DataFrame) -> list[dict[str, Any]]:
    """Every pair of different doctors in one hospital that the rule says may be one."""
    names = block["name"].fillna("").tolist()
    plains = [_plain(p) for p in block["name_pinyin"]]
    by_name = process.cdist(names, names, scorer=fuzz.ratio, dtype=np.float32)
    by_pinyin = process.cdist(plains, plains, scorer=fuzz.ratio, dtype=np.float32)
    ids = block["doctor_id"].to_numpy()
    upper = np.triu(np.ones(by_name.shape, dtype=bool), k=1) & (ids[:, None] != ids[None, :])
    alike = upper & ((by_name >= NAME_SIMILARITY) | (by_pinyin >= PINYIN_SIMILARITY))
    found = []
    for i, j in zip(*np.nonzero(alike), strict=True):
        a, b = block.iloc[i], block.iloc[j]
        name_score, pinyin_score = float(by_name[i, j]), float(by_pinyin[i, j])
        if not names[i]:
            name_score = 0.0
        if not plains[i]:
            pinyin_score = 0.0
        if name_score >= NAME_SIMILARITY:
            reasons = ["name_same" if name_score == 100 else "name_similar"]
        elif pinyin_score >= PINYIN_SIMILARITY:
            reasons = ["pinyin_similar"]
        else:
            continue
        same_place = a["department_id"] == b["department_id"]
        if same_place:
            reasons.insert(0, "same_department")
        found.append(_pair(a, b, reasons, max(name_score, pinyin_score) + 20 * same_place))
    return found


def _pair(a: pd.Series, b: pd.Series, reasons: list[str], score: float) -> dict[str, Any]:
    first, second = (a, b) if a["doctor_id"] < b["doctor_id"] else (b, a)
    return {
        "doctor_id": int(first["doctor_id"]),
        "other_id": int(second["doctor_id"]),
        "name": first["name"],
        "other_name": second["name"],
        "hospital": a["hospital"] if a["hospital_id"] == b["hospital_id"] else "",
        "same_department": bool(a["department_id"] == b["department_id"]),
        "reasons": reasons,
        "score": score,
    }


def doctor_matches(db: Database) -> pd.DataFrame:
    """Pairs of stored doctors who may be one person, the likeliest first.

    Parameters
    ----------
    db
        The database; read by its owner or an analyst.

    Returns
    -------
    pandas.DataFrame
        One row per pair (:data:`MATCH_COLUMNS`): the two ids (the smaller first) and names,
        the hospital they share (empty when only the mobile is shared), whether they are in
        the same department, the reasons (codes of
        :func:`~workbench.entry.duplicates.likely_same_doctor`, with ``same_department``,
        separated by commas) and the score entry ranks candidates by: the best of the two
        name ratios (0–100), 20 more in the same department, 50 more for the same mobile.
    """
    doctors = _doctors(db)
    found: dict[tuple[int, int], dict[str, Any]] = {}
    placed = doctors.dropna(subset=["hospital_id"])
    for _hospital, block in placed.groupby("hospital_id", sort=True):
        if block["doctor_id"].nunique() > 1:
            for pair in _pairs_in(block.reset_index(drop=True)):
                key = (pair["doctor_id"], pair["other_id"])
                if key not in found or found[key]["score"] < pair["score"]:
                    found[key] = pair
    people = doctors.drop_duplicates("doctor_id")
    shared = people.dropna(subset=["mobile"])
    shared = shared[shared["mobile"].duplicated(keep=False)]
    for _mobile, block in shared.groupby("mobile", sort=True):
        rows = block.to_dict("records")
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                pair = _pair(pd.Series(a), pd.Series(b), [], 0.0)
                key = (pair["doctor_id"], pair["other_id"])
                known = found.get(key)
                if known is None:
                    names = fuzz.ratio(a["name"] or "", b["name"] or "")
                    pinyin = fuzz.ratio(_plain(a["name_pinyin"]), _plain(b["name_pinyin"]))
                    pair |= {"hospital": "", "same_department": False, "score": 0.0}
                    pair["score"] = max(names, pinyin)
                    known = found[key] = pair
                known["reasons"] = [*known["reasons"], "same_mobile"]
                known["score"] += 50
    frame = pd.DataFrame(list(found.values()), columns=list(MATCH_COLUMNS))
    frame["reasons"] = frame["reasons"].map(",".join)
    frame["score"] = frame["score"].astype(float).round(1)
    frame = frame.sort_values(["score", "doctor_id", "other_id"], ascending=[False, True, True])
    return frame.reset_index(drop=True)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _row(table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """A row kept as JSON, with its days and times as the column types want them back."""
    out: dict[str, Any] = {}
    for column in table.columns:
        value = values.get(column.name)
        if isinstance(value, str) and isinstance(column.type, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = dt.date.fromisoformat(value[:10])
        out[column.name] = value
    return out


def _audit(conn: Connection, actor: str, action: str, table: str, key: Any, detail: Any) -> None:
    conn.execute(
        insert(Audit),
        {
            "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "actor": actor,
            "action": action,
            "table_name": table,
            "row_key": str(key),
            "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True, default=_jsonable),
        },
    )


def _doctor(conn: Connection, doctor_id: int) -> dict[str, Any]:
    row = conn.execute(select(_t["doctor"]).where(_t["doctor"].c.doctor_id == doctor_id)).first()
    if row is None:
        raise MissingEntry(key="error.merge.no_doctor", id=doctor_id)
    return dict(row._mapping)


def merge_doctors(
    db: Database, *, keep: int, drop: int, actor: str = "steward", reasons: str | None = None
) -> int:
    """Merge doctor ``drop`` into doctor ``keep``; the merge's id, for :func:`unmerge`.

    Parameters
    ----------
    db
        The database; only its owner merges.
    keep, drop
        The doctor kept and the doctor merged into it.
    actor
        Who merges, for the steward's log and the audit trail.
    reasons
        Why (the match run's reasons, say), kept in the steward's log.

    Returns
    -------
    int
        The merge's id in ``doctor_merge``.

    Raises
    ------
    ConfigError
        ``keep`` and ``drop`` are the same doctor.
    MissingEntry
        Either doctor does not exist.
    NotPermitted
        The database is open for a viewer.
    """
    _owner(db)
    if keep == drop:
        raise ConfigError(key="error.merge.same_doctor", id=keep)
    doctor = _t["doctor"]
    with db.begin() as conn:
        kept, merged = _doctor(conn, keep), _doctor(conn, drop)
        filled = {f: merged[f] for f in FILLED if kept[f] is None and merged[f] is not None}
        undo: dict[str, Any] = {
            "doctor": {k: _jsonable(v) for k, v in merged.items()},
            "filled": sorted(filled),
            "moved": {},
            "dropped": {},
        }
        if filled:
            conn.execute(update(doctor).where(doctor.c.doctor_id == keep).values(filled))
            _audit(conn, actor, "update", "doctor", keep, {f: [None, v] for f, v in filled.items()})
        for name in _MOVED:
            t = _t[name]
            key = next(iter(t.primary_key.columns))
            ids = conn.execute(select(key).where(t.c.doctor_id == drop).order_by(key)).scalars()
            undo["moved"][name] = moved = list(ids)
            if moved:
                conn.execute(update(t).where(t.c.doctor_id == drop).values(doctor_id=keep))
                for row_key in moved:
                    _audit(conn, actor, "update", name, row_key, {"doctor_id": [drop, keep]})
        for name, rest in _KEYED.items():
            _move_keyed(conn, actor, name, rest, keep, drop, undo)
        conn.execute(delete(doctor).where(doctor.c.doctor_id == drop))
        _audit(conn, actor, "delete", "doctor", drop, undo["doctor"])
        made = conn.execute(
            insert(DoctorMerge).values(
                kept_id=keep,
                merged_id=drop,
                merged_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                actor=actor,
                reasons=reasons,
                undo=json.dumps(undo, ensure_ascii=False),
            )
        )
        return int(made.inserted_primary_key[0])  # type: ignore[index]


def _move_keyed(
    conn: Connection,
    actor: str,
    name: str,
    rest: tuple[str, ...],
    keep: int,
    drop: int,
    undo: dict[str, Any],
) -> None:
    """Rows whose key holds the doctor: moved, or dropped where the kept doctor has one."""
    t = _t[name]
    theirs = [dict(r._mapping) for r in conn.execute(select(t).where(t.c.doctor_id == drop))]
    mine = {
        tuple(r) for r in conn.execute(select(*(t.c[c] for c in rest)).where(t.c.doctor_id == keep))
    }
    moved, dropped = [], []
    for row in sorted(theirs, key=lambda r: tuple(str(r[c]) for c in rest)):
        where = and_(t.c.doctor_id == drop, *(t.c[c] == row[c] for c in rest))
        row_key = "|".join(str(_jsonable(row[c])) for c in ("doctor_id", *rest))
        if tuple(row[c] for c in rest) in mine:
            conn.execute(delete(t).where(where))
            dropped.append({k: _jsonable(v) for k, v in row.items()})
            _audit(conn, actor, "delete", name, row_key, dropped[-1])
            continue
        change: dict[str, Any] = {"doctor_id": keep}
        if name == "affiliation" and row["is_primary"]:
            change["is_primary"] = False  # the kept doctor keeps their own primary place
        conn.execute(update(t).where(where).values(change))
        moved.append(
            {
                **{c: _jsonable(row[c]) for c in rest},
                **({"is_primary": True} if len(change) > 1 else {}),
            }
        )
        _audit(conn, actor, "update", name, row_key, {k: [row[k], v] for k, v in change.items()})
    undo["moved"][name], undo["dropped"][name] = moved, dropped


def unmerge(db: Database, merge_id: int, *, actor: str = "steward") -> None:
    """Undo merge ``merge_id``: the merged doctor and every row as they were before it.

    Raises
    ------
    MissingEntry
        There is no such merge.
    RuleViolation
        The merge is undone already, or a later merge of the kept doctor must be undone first.
    NotPermitted
        The database is open for a viewer.
    """
    _owner(db)
    log, doctor = _t["doctor_merge"], _t["doctor"]
    with db.begin() as conn:
        merge = conn.execute(select(log).where(log.c.merge_id == merge_id)).first()
        if merge is None:
            raise MissingEntry(key="error.merge.no_merge", id=merge_id)
        if merge.undone_at is not None:
            raise RuleViolation(key="error.merge.undone", id=merge_id)
        later = conn.execute(
            select(log.c.merge_id)
            .where(
                log.c.merge_id > merge_id,
                log.c.undone_at.is_(None),
                (log.c.kept_id.in_([merge.kept_id, merge.merged_id]))
                | (log.c.merged_id.in_([merge.kept_id, merge.merged_id])),
            )
            .order_by(log.c.merge_id.desc())
        ).scalar()
        if later is not None:
            raise RuleViolation(key="error.merge.later", id=merge_id, later=later)
        undo, keep, drop = json.loads(merge.undo), merge.kept_id, merge.merged_id
        conn.execute(insert(doctor).values(_row(doctor, undo["doctor"])))
        _audit(conn, actor, "insert", "doctor", drop, undo["doctor"])
        if undo["filled"]:
            conn.execute(
                update(doctor)
                .where(doctor.c.doctor_id == keep)
                .values(dict.fromkeys(undo["filled"]))
            )
            _audit(conn, actor, "update", "doctor", keep, {f: ["…", None] for f in undo["filled"]})
        for name in _MOVED:
            t = _t[name]
            key = next(iter(t.primary_key.columns))
            for lo in range(0, len(undo["moved"][name]), 500):
                ids = undo["moved"][name][lo : lo + 500]
                conn.execute(update(t).where(key.in_(ids)).values(doctor_id=drop))
            for row_key in undo["moved"][name]:
                _audit(conn, actor, "update", name, row_key, {"doctor_id": [keep, drop]})
        for name, rest in _KEYED.items():
            t = _t[name]
            for row in undo["moved"][name]:
                values = _row(t, row)
                where = and_(t.c.doctor_id == keep, *(t.c[c] == values[c] for c in rest))
                change = {"doctor_id": drop} | (
                    {"is_primary": True} if row.get("is_primary") else {}
                )
                conn.execute(update(t).where(where).values(change))
                _audit(
                    conn,
                    actor,
                    "update",
                    name,
                    "|".join(str(row[c]) for c in rest),
                    {k: ["…", v] for k, v in change.items()},
                )
            for row in undo["dropped"][name]:
                conn.execute(insert(t).values(_row(t, row)))
                _audit(conn, actor, "insert", name, "|".join(str(row[c]) for c in rest), row)
        conn.execute(
            update(log)
            .where(log.c.merge_id == merge_id)
            .values(undone_at=dt.datetime.now(dt.UTC).replace(tzinfo=None), undone_by=actor)
        )


def merges(db: Database) -> pd.DataFrame:
    """The steward's log: every merge, the latest first, with whether it was undone."""
    log = _t["doctor_merge"]
    query = select(
        log.c.merge_id,
        log.c.kept_id,
        log.c.merged_id,
        log.c.merged_at,
        log.c.actor,
        log.c.reasons,
        log.c.undone_at,
        log.c.undone_by,
    )
    with db.begin() as conn:
        rows = conn.execute(query.order_by(log.c.merge_id.desc())).all()
    return pd.DataFrame(rows, columns=list(query.selected_columns.keys()))
