"""Validate-then-write for every entry kind, with problems in Chinese or English.

>>> import workbench
>>> from workbench import entry
>>> db = workbench.connect("sqlite://")
>>> problems = entry.validate(db, "hospital", {"name": "Ruijin", "beds": "many"})
>>> [(p.field, p.code) for p in problems]  # doctest: +NORMALIZE_WHITESPACE
[('city_id', 'required'), ('name', 'not_chinese'), ('name_en', 'required'),
 ('grade', 'required'), ('beds', 'not_integer')]
>>> problems[1].message("zh")
'「名称」应使用中文汉字，「Ruijin」不是；拼音和英文请填在各自的栏目。'
>>> problems[1].message("en").split(";")[0]
'name must be written in Chinese characters, not "Ruijin"'

"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from workbench.db.engine import Database
from workbench.entry import activity, customers, helpdesk, review, trials
from workbench.entry._rules import Checker
from workbench.entry.duplicates import Candidate, doctor_candidates, hospital_candidates
from workbench.entry.problems import Problem
from workbench.errors import InvalidEntry, MissingEntry, RuleViolation, StoreLocked, Unsupported

__all__ = ["KINDS", "RACES", "Candidate", "Problem", "duplicates", "save", "validate"]

#: how many times a save that lost a race to another is validated and tried again
RACES = 3

Kind = Callable[[Session, Mapping[str, Any]], tuple[Checker, list[Any]]]

#: entry kind -> its rules
KINDS: dict[str, Kind] = {
    "hospital": customers.hospital,
    "department": customers.department,
    "doctor": customers.doctor,
    "call": activity.call,
    "plan": activity.plan,
    "plan_review": review.plan_review,
    "invitation": activity.invitation,
    "assessment": trials.assessment,
    "adverse_event": trials.adverse_event,
    "help_request": helpdesk.help_request,
}


def _kind(kind: str) -> Kind:
    rules = KINDS.get(kind) if isinstance(kind, str) else None
    if rules is None:
        raise MissingEntry(key="error.entry.kind", kind=kind, choices=", ".join(KINDS))
    return rules


def _record(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """``data`` when it is a record of fields; else the one problem that it is not."""
    if not isinstance(data, Mapping):
        raise InvalidEntry([Problem("data", "not_a_record", {"value": type(data).__name__})])
    return data


def validate(db: Database, kind: str, data: Mapping[str, Any]) -> list[Problem]:
    """Every problem with ``data`` as an entry of ``kind``; nothing is written.

    Parameters
    ----------
    db
        The database the entry would be written to; references in ``data`` are checked in it.
    kind
        One of :data:`KINDS`: ``"hospital"``, ``"doctor"``, ``"call"``, ``"plan"`` and so on.
    data
        The entry's fields, as typed in a form or read from a file.

    Returns
    -------
    list of Problem
        Every problem found, errors and warnings alike; empty when the entry can be saved.

    Raises
    ------
    MissingEntry
        ``kind`` is not one of :data:`KINDS`.
    InvalidEntry
        ``data`` is not a record of fields (``None``, a list, text).
    """
    rules = _kind(kind)
    with db.session() as session:
        checker, _rows = rules(session, _record(data))
        session.expunge_all()
        session.rollback()
    return checker.problems


def duplicates(db: Database, kind: str, data: Mapping[str, Any]) -> list[Candidate]:
    """Existing doctors or hospitals that may be the one in ``data``, best match first.

    Parameters
    ----------
    db
        The database to look in.
    kind
        ``"doctor"`` or ``"hospital"``.
    data
        The entry's fields, as for :func:`validate`.

    Returns
    -------
    list of Candidate
        The possible duplicates, best match first; empty when there is none.

    Raises
    ------
    MissingEntry
        ``kind`` is not one of :data:`KINDS`.
    Unsupported
        ``kind`` is known but has no duplicate search.
    """
    finders = {"doctor": doctor_candidates, "hospital": hospital_candidates}
    if not isinstance(kind, str) or kind not in finders:
        _kind(kind)  # an unknown kind is missing; a known one has no duplicate search
        raise Unsupported(key="error.entry.no_duplicates", kinds=", ".join(finders), kind=kind)
    with db.session() as session:
        return finders[kind](session, _record(data))


def save(
    db: Database,
    kind: str,
    data: Mapping[str, Any],
    *,
    actor: str = "entry",
    accept_warnings: bool = False,
) -> int:
    """Write the entry and return the new row's id.

    Raises :class:`~workbench.InvalidEntry` listing every problem, and then nothing at all
    has been written. Warnings (``severity == "warning"``) block the save too unless
    ``accept_warnings``: the person entering has seen them and confirms.

    Parameters
    ----------
    db
        The database to write to.
    kind
        One of :data:`KINDS`.
    data
        The entry's fields, as for :func:`validate`.
    actor
        The name the audit trail records the write under.
    accept_warnings
        Save despite warnings; errors still block the save.

    Returns
    -------
    int
        The new row's id (a weekly plan: the plan's id; a site's report: its submission's id).

    Raises
    ------
    MissingEntry
        ``kind`` is not one of :data:`KINDS`.
    InvalidEntry
        The entry has an error, or a warning and ``accept_warnings`` is off; its
        ``problems`` lists every problem found, and nothing has been written.
    StoreError
        The database cannot be written (read-only, a full disk); nothing was written.

    Notes
    -----
    Two saves may race past each other's checks; the store keeps the rules too (a unique
    index), so the one that comes second is refused by the store, validated again against
    what the first wrote, and answered with the same problem validation gives (or written,
    when it is still right: the next version of a report). After :data:`RACES` such rounds
    the entry is refused as saved meanwhile.
    """
    rules, record = _kind(kind), _record(data)
    for _attempt in range(RACES):
        try:
            return _write(db, rules, record, actor, accept_warnings)
        except (RuleViolation, StoreLocked):
            # another save reached the store first: validate again against what it wrote
            continue
    raise InvalidEntry([Problem("data", "saved_meanwhile")])


def _write(
    db: Database, rules: Kind, data: Mapping[str, Any], actor: str, accept_warnings: bool
) -> int:
    """Validate and write in one transaction; the new row's id."""
    with db.session(actor=actor) as session:
        checker, rows = rules(session, data)
        blocking = [p for p in checker.problems if p.severity == "error" or not accept_warnings]
        if blocking:
            session.expunge_all()
            raise InvalidEntry(checker.problems)
        head, *children = rows
        if hasattr(head, "write"):
            target = head.write(session)
        else:
            session.add(head)
            session.flush()
            target = head
        session.add_all(child.row() for child in children)
        session.flush()
        key = target.__mapper__.primary_key[0].name
        return int(getattr(target, key))
