"""Who may see what: a viewer's scope, kept by the data-access layer and by the server.

A :class:`~workbench.Database` is opened for one viewer (``WORKBENCH_VIEWER``, or
``connect(viewer=…)``):

=========================  ========================================================
``owner`` (the default)    the store's owner: everything, read and write (a laptop's own
                           file; the administrator of a server)
``analyst``                everything, read only
``manager:EMPLOYEE``       the manager's region: its places, events, dealers and sales, its
                           reps and their customers, calls, plans and invitations, and the
                           trials; writes the decisions on its reps' plans
``rep:EMPLOYEE``           the rep's territory: the customers assigned to them and their
                           sales, their own calls, plans and invitations, which they write,
                           and the places, events and dealers of their region
``trainer:NAME``           the camps NAME runs, their trainees, results and questions
``trainee:CAMP/EMPLOYEE``  one trainee's own enrolment, results and questions
=========================  ========================================================

The rules are one set of SQLAlchemy conditions (:func:`conditions`). The data-access layer
adds them to every ORM query of a database opened for a viewer, to the reads of a cut, an
export and the row counts, and checks every write against them; the gradebook checks them
on each call. On PostgreSQL the same conditions are the row-level security policies of the
migration that made them (:func:`policy_statements`), and a viewer's connection runs as a
role of its own (:func:`role_name`), so the server refuses what the library would not ask.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    Table,
    and_,
    cast,
    false,
    func,
    literal,
    select,
    true,
)
from sqlalchemy.dialects import postgresql

from workbench.errors import ConfigError, NotPermitted

__all__ = [
    "GROUP_ROLES",
    "ROLES",
    "WRITES",
    "Scope",
    "Viewer",
    "conditions",
    "policy_statements",
    "role_name",
]

#: The kinds of viewer, and what each may see (see the module's table).
ROLES: tuple[str, ...] = ("owner", "analyst", "manager", "rep", "trainer", "trainee")

#: The tables each kind of viewer writes (the owner writes every table).
WRITES: dict[str, frozenset[str]] = {
    "analyst": frozenset(),
    "manager": frozenset({"plan", "audit"}),
    "rep": frozenset({"call", "call_product", "plan", "plan_item", "invitation", "audit"}),
    "trainer": frozenset({"camp", "trainee", "help_request", "audit"}),
    "trainee": frozenset({"attempt", "hint_shown", "exercise_reset", "help_request", "audit"}),
}

#: The server's group role of each kind of viewer but the owner (who owns the tables).
GROUP_ROLES: dict[str, str] = {r: f"workbench_{r}" for r in ROLES if r != "owner"}

_SPEC = re.compile(r"^(owner|analyst)$|^(manager|rep|trainer):(.+)$|^(trainee):([^/]+)/(.+)$")


@dataclasses.dataclass(frozen=True)
class Viewer:
    """Who is looking: a kind (:data:`ROLES`) and whom of that kind.

    ``who`` is the employee id of a manager or rep, the name of a trainer, and the camp and
    employee id of a trainee; the owner and the analyst have none.

    >>> Viewer.parse("manager:R00012")
    Viewer(role='manager', who='R00012', camp='')
    >>> Viewer.parse("trainee:gz-2026-03/E001").camp
    'gz-2026-03'
    >>> str(Viewer.parse("analyst"))
    'analyst'
    """

    role: str
    who: str = ""
    camp: str = ""

    @classmethod
    def parse(cls, spec: str | None) -> Viewer:
        """A viewer from its spelling (``None`` or empty is the owner).

        Raises
        ------
        ConfigError
            The spelling is none of the module's table, with the ones it may take.
        """
        text = (spec or "owner").strip()
        found = _SPEC.match(text)
        if found is None:
            raise ConfigError(key="error.access.viewer", value=text)
        plain, role, who, trainee, camp, employee = found.groups()
        if plain:
            return cls(plain)
        if trainee:
            return cls("trainee", employee.strip(), camp.strip())
        return cls(role, who.strip())

    def __str__(self) -> str:
        if self.role == "trainee":
            return f"trainee:{self.camp}/{self.who}"
        return f"{self.role}:{self.who}" if self.who else self.role


@dataclasses.dataclass(frozen=True)
class _Ids:
    """The viewer's ids as SQL: literal values, or the server's lookup of the current role."""

    rep: ColumnElement[Any]
    region: ColumnElement[Any]
    trainee: ColumnElement[Any]
    trainer: ColumnElement[Any]


def _tables() -> dict[str, Table]:
    from workbench.db.models import Base

    return dict(Base.metadata.tables)


def conditions(role: str, ids: _Ids) -> dict[str, ColumnElement[bool]]:
    """Which rows of each table a kind of viewer sees, as one condition per table.

    A table missing from the answer is seen whole; the owner's answer is empty. Each
    condition refers only to tables met before it in this function, so that as server
    policies (which filter the tables they read too) they never refer back to themselves.
    """
    if role == "owner":
        return {}
    t = _tables()
    everything: dict[str, ColumnElement[bool]] = {
        name: true() for name in t if name != "access_grant"
    }
    if role == "analyst":
        return everything
    seen: dict[str, ColumnElement[bool]] = {name: false() for name in everything}
    seen["store_identity"] = true()
    if role in ("manager", "rep"):
        seen.update(_field(role, ids, t))
    elif role == "trainer":
        camps = select(t["camp"].c.camp_id).where(t["camp"].c.trainer == ids.trainer)
        trainees = select(t["trainee"].c.trainee_id).where(t["trainee"].c.camp_id.in_(camps))
        seen["camp"] = t["camp"].c.trainer == ids.trainer
        seen["trainee"] = t["trainee"].c.camp_id.in_(camps)
        seen["help_request"] = t["help_request"].c.camp_id.in_(camps)
        for name in ("attempt", "hint_shown", "exercise_reset"):
            seen[name] = t[name].c.trainee_id.in_(trainees)
    else:  # a trainee
        own = select(t["trainee"].c.camp_id).where(t["trainee"].c.trainee_id == ids.trainee)
        seen["trainee"] = t["trainee"].c.trainee_id == ids.trainee
        seen["camp"] = t["camp"].c.camp_id.in_(own)
        for name in ("attempt", "hint_shown", "exercise_reset", "help_request"):
            seen[name] = t[name].c.trainee_id == ids.trainee
    return seen


def _field(role: str, ids: _Ids, t: dict[str, Table]) -> dict[str, ColumnElement[bool]]:
    """A manager's region or a rep's territory, table by table."""
    seen: dict[str, ColumnElement[bool]] = {"product": true()}
    cities = select(t["city"].c.city_id).where(t["city"].c.region_id == ids.region)
    hospitals = select(t["hospital"].c.hospital_id).where(t["hospital"].c.city_id.in_(cities))
    departments = select(t["department"].c.department_id).where(
        t["department"].c.hospital_id.in_(hospitals)
    )
    seen["region"] = t["region"].c.region_id == ids.region
    seen["city"] = t["city"].c.region_id == ids.region
    seen["hospital"] = t["hospital"].c.city_id.in_(cities)
    seen["department"] = t["department"].c.hospital_id.in_(hospitals)
    seen["event"] = t["event"].c.city_id.in_(cities)
    seen["dealer"] = t["dealer"].c.city_id.in_(cities)
    if role == "manager":
        reps = select(t["rep"].c.rep_id).where(t["rep"].c.region_id == ids.region)
        doctors = select(t["affiliation"].c.doctor_id).where(
            t["affiliation"].c.department_id.in_(departments)
        )
        seen["rep"] = t["rep"].c.region_id == ids.region
        seen["affiliation"] = t["affiliation"].c.department_id.in_(departments)
        seen["sale"] = t["sale"].c.hospital_id.in_(hospitals)
        for name in ("study", "arm", "site", "subject", "submission", "assessment"):
            seen[name] = true()
        seen["adverse_event"] = true()
        for name in ("assignment", "call", "plan", "invitation"):
            seen[name] = t[name].c.rep_id.in_(reps)
    else:
        reps = select(t["rep"].c.rep_id).where(t["rep"].c.rep_id == ids.rep)
        doctors = select(t["assignment"].c.doctor_id).where(t["assignment"].c.rep_id == ids.rep)
        seen["rep"] = t["rep"].c.rep_id == ids.rep
        seen["affiliation"] = t["affiliation"].c.doctor_id.in_(doctors)
        theirs = (
            select(t["department"].c.hospital_id)
            .join(
                t["affiliation"],
                t["affiliation"].c.department_id == t["department"].c.department_id,
            )
            .where(t["affiliation"].c.doctor_id.in_(doctors))
        )
        seen["sale"] = t["sale"].c.hospital_id.in_(theirs)
        for name in ("assignment", "call", "plan", "invitation"):
            seen[name] = t[name].c.rep_id == ids.rep
    seen["doctor"] = t["doctor"].c.doctor_id.in_(doctors)
    seen["potential"] = t["potential"].c.doctor_id.in_(doctors)
    calls = select(t["call"].c.call_id).where(seen["call"])
    plans = select(t["plan"].c.plan_id).where(seen["plan"])
    seen["call_product"] = t["call_product"].c.call_id.in_(calls)
    seen["plan_item"] = t["plan_item"].c.plan_id.in_(plans)
    return seen


@dataclasses.dataclass(frozen=True)
class Scope:
    """A viewer resolved against one store: their ids there, and the rules as conditions.

    Made by :meth:`resolve`; :attr:`OWNER` sees and writes everything.
    """

    viewer: Viewer
    rep_id: int | None = None
    region_id: int | None = None
    trainee_id: int | None = None

    @property
    def restricted(self) -> bool:
        """False for the owner, who sees and writes everything."""
        return self.viewer.role != "owner"

    @functools.cached_property
    def conditions(self) -> dict[str, ColumnElement[bool]]:
        """The conditions of :func:`conditions` with this viewer's ids."""
        ids = _Ids(
            literal(self.rep_id if self.rep_id is not None else -1),
            literal(self.region_id if self.region_id is not None else -1),
            literal(self.trainee_id if self.trainee_id is not None else -1),
            literal(self.viewer.who if self.viewer.role == "trainer" else "", String),
        )
        return conditions(self.viewer.role, ids)

    def where(self, table: str) -> ColumnElement[bool]:
        """The condition on ``table``'s rows (``true()`` for a table seen whole)."""
        return self.conditions.get(table, true())

    def may_write(self, table: str) -> bool:
        """Whether the viewer writes ``table`` at all (a row must be theirs too)."""
        return not self.restricted or table in WRITES[self.viewer.role]

    def require_write(self, table: str) -> None:
        """Refuse a write to ``table`` by a viewer who does not write it.

        Raises
        ------
        NotPermitted
            The viewer does not write that table; the message names both.
        """
        if not self.may_write(table):
            raise NotPermitted(key="error.access.write", viewer=str(self.viewer), table=table)

    def require_row(self, conn: Connection, table: str, **key: object) -> None:
        """Refuse a row of ``table`` (named by ``key``) that the viewer does not see.

        Raises
        ------
        NotPermitted
            No such row, or not the viewer's: the message does not say which.
        """
        if not self.restricted:
            return
        t = _tables()[table]
        found = conn.scalar(
            select(func.count())
            .select_from(t)
            .where(and_(*(t.c[k] == v for k, v in key.items())), self.where(table))
        )
        if not found:
            detail = ", ".join(f"{k}={v}" for k, v in key.items())
            raise NotPermitted(
                key="error.access.row", viewer=str(self.viewer), table=table, row=detail
            )

    def sql(self, table: str, dialect: Any) -> str:
        """The condition on ``table`` as SQL text of ``dialect`` (for the cut's own reads).

        Every value in it is one of the viewer's ids, written in as a literal.
        """
        compiled = self.where(table).compile(
            dialect=dialect, compile_kwargs={"literal_binds": True}
        )
        return str(compiled)

    @classmethod
    def resolve(cls, conn: Connection, viewer: Viewer) -> Scope:
        """Find the viewer's ids in the store ``conn`` reads.

        Raises
        ------
        NotPermitted
            The store has no such manager, rep or trainee (or a manager who is not one);
            the message says which.
        """
        from workbench.db.gradebook import Camp, Trainee
        from workbench.db.models import Rep

        if viewer.role in ("manager", "rep"):
            row = conn.execute(
                select(Rep.rep_id, Rep.region_id, Rep.role).where(Rep.employee_id == viewer.who)
            ).first()
            if row is None or (viewer.role == "manager" and row.role != "manager"):
                raise NotPermitted(key="error.access.unknown", viewer=str(viewer))
            return cls(viewer, rep_id=int(row.rep_id), region_id=int(row.region_id))
        if viewer.role == "trainee":
            found = conn.scalar(
                select(Trainee.trainee_id)
                .join(Camp, Camp.camp_id == Trainee.camp_id)
                .where(Camp.code == viewer.camp, Trainee.employee_id == viewer.who)
            )
            if found is None:
                raise NotPermitted(key="error.access.unknown", viewer=str(viewer))
            return cls(viewer, trainee_id=int(found))
        return cls(viewer)


#: The owner's scope: everything, read and write.
OWNER = Scope(Viewer("owner"))


def role_name(scope: Scope) -> str:
    """The server role a viewer's connections run as: one per viewer, e.g. ``wb_rep_12``.

    >>> role_name(Scope(Viewer("rep", "R00012"), rep_id=12, region_id=1))
    'wb_rep_12'
    >>> role_name(Scope(Viewer("trainer", "Li Na")))
    'wb_trainer_f7e61e54'
    """
    role = scope.viewer.role
    if role in ("manager", "rep"):
        return f"wb_{role}_{scope.rep_id}"
    if role == "trainee":
        return f"wb_trainee_{scope.trainee_id}"
    if role == "trainer":
        digest = hashlib.sha1(scope.viewer.who.encode("utf-8")).hexdigest()[:8]
        return f"wb_trainer_{digest}"
    return f"wb_{role}"


def _server_ids() -> _Ids:
    """The viewer's ids as the server finds them: the row of the role it runs as."""
    grant = _tables()["access_grant"]

    def own(column: str) -> ColumnElement[Any]:
        mine = grant.c.role_name == cast(func.current_user(), String)
        return select(grant.c[column]).where(mine).scalar_subquery()

    return _Ids(own("rep_id"), own("region_id"), own("trainee_id"), own("trainer"))


def policy_statements(tables: Iterable[str]) -> list[str]:
    """The SQL that makes the server keep the rules: group roles, grants and policies.

    For each table, row-level security is turned on, every group role may read it (its
    policy says which rows) and write the tables of :data:`WRITES` (the same policy checks
    the rows written). Safe to run again.
    """
    ids = _server_ids()
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    statements = [
        f"DO $$ BEGIN CREATE ROLE {group} NOLOGIN; "
        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        for group in GROUP_ROLES.values()
    ]
    groups = ", ".join(GROUP_ROLES.values())
    statements.append(f"GRANT SELECT ON alembic_version TO {groups}")
    for table in tables:
        statements.append(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        statements.append(f'GRANT SELECT ON "{table}" TO {groups}')
        for role, group in GROUP_ROLES.items():
            if table == "access_grant":
                rule = "role_name = CAST(CURRENT_USER AS VARCHAR)"
            else:
                condition = conditions(role, ids).get(table, true())
                rule = str(condition.compile(dialect=dialect))
            if table in WRITES[role] and table == "audit":  # written, never read back
                statements.append(
                    f'CREATE POLICY {group}_writes ON "{table}" FOR INSERT TO {group} '
                    "WITH CHECK (true)"
                )
                statements.append(f'GRANT INSERT ON "{table}" TO {group}')
            elif table in WRITES[role]:
                statements.append(
                    f'CREATE POLICY {group}_writes ON "{table}" FOR ALL TO {group} '
                    f"USING ({rule}) WITH CHECK ({rule})"
                )
                statements.append(f'GRANT INSERT, UPDATE, DELETE ON "{table}" TO {group}')
            statements.append(
                f'CREATE POLICY {group}_reads ON "{table}" FOR SELECT TO {group} USING ({rule})'
            )
    statements.append(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {groups}")
    return statements
