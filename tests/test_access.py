"""Who may see what: every line between viewers is tried, and none is crossed.

A world of two regions is loaded once per store. What each viewer sees is computed a second
way, with pandas over the owner's tables, and must be exactly what the library gives them;
on PostgreSQL the server alone (a viewer's own login, no library in between) must give the
same and refuse the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import psycopg
import pytest
from sqlalchemy import insert, select, text
from traitlets import TraitError

import workbench
from workbench import Database, Settings, entry
from workbench.access import Viewer, role_name
from workbench.apps import plan_review
from workbench.db.export import export_tables
from workbench.db.gradebook import Attempt
from workbench.db.models import TABLE_ORDER, Assignment, Call, Plan
from workbench.db.summary import summarise
from workbench.errors import (
    ConfigError,
    InvalidEntry,
    MissingEntry,
    NotPermitted,
    RuleViolation,
)
from workbench.sample import SCALES, load_sample
from workbench.training import Feedback, Gradebook
from workbench.training.grading import exercise
from workbench.weekly import regions, review_week, weeks

from .conftest import PG_SERVER, _pg_admin

TWO_REGIONS = dataclasses.replace(SCALES["camp"], name="two-regions", regions=("east", "south"))


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The URL of a store holding the two-region world and two camps, made once a module."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('access') / 'two.db'}"
    else:
        name = f"wb_test_{uuid.uuid4().hex[:12]}"
        with _pg_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = f"{PG_SERVER}/{name}"
    owner = workbench.connect(url)
    load_sample(owner, TWO_REGIONS, seed=0)
    book = Gradebook(owner)
    book.open_camp("east-1", trainer="Li Na")
    book.open_camp("south-1", trainer="Wang Fang")
    for camp, employee in (("east-1", "E1"), ("east-1", "E2"), ("south-1", "S1")):
        enrolled = book.enrol(camp, employee, f"trainee {employee}", sandbox=f"sb-{employee}")
        book.record(enrolled.trainee_id, _feedback(), round=1, hints_used=0)
    owner.close()
    yield url
    if request.param == "postgresql":
        with _pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


Opener = Callable[..., Database]


@pytest.fixture
def opened(store: str) -> Iterator[Opener]:
    """Opens the store for a viewer (the owner when none is given); closes each at the end."""
    made: list[Database] = []

    def open_(viewer: str | None = None) -> Database:
        made.append(workbench.connect(store, viewer=viewer))
        return made[-1]

    yield open_
    for db in made:
        db.close()


def _feedback() -> Feedback:
    return Feedback(exercise("03.1"), [], submitted=False)


@pytest.fixture(scope="module")
def tables(store: str) -> dict[str, pd.DataFrame]:
    """Every table as the owner sees it."""
    owner = workbench.connect(store)
    with owner.begin() as conn:
        found = {
            name: pd.read_sql(text(f'SELECT * FROM "{name}"'), conn)
            for name in (*TABLE_ORDER, "camp", "trainee", "attempt")
        }
    owner.close()
    return found


def _people(tables: dict[str, pd.DataFrame]) -> tuple[str, str, str, str]:
    """A manager of each region and a rep of the first (employee ids)."""
    reps = tables["rep"].sort_values("rep_id")
    managers = reps[reps["role"] == "manager"]
    east, south = sorted(managers["region_id"].unique())[:2]
    first = managers[managers["region_id"] == east].iloc[0]["employee_id"]
    second = managers[managers["region_id"] == south].iloc[0]["employee_id"]
    assigned = set(tables["assignment"]["rep_id"]) & set(tables["call"]["rep_id"])
    field = reps[(reps["role"] != "manager") & reps["rep_id"].isin(assigned)]
    east_field = field[field["region_id"] == east]
    # one from the middle: reps with lower and with higher ids see other rows
    rep = east_field.iloc[len(east_field) // 2]["employee_id"]
    return first, second, rep, str(east)


def _expected(t: dict[str, pd.DataFrame], role: str, rep_id: int, region: int) -> dict[str, int]:
    """What a manager or rep sees, table by table, worked out with pandas."""
    cities = t["city"][t["city"]["region_id"] == region]["city_id"]
    hospitals = t["hospital"][t["hospital"]["city_id"].isin(cities)]["hospital_id"]
    departments = t["department"][t["department"]["hospital_id"].isin(hospitals)]
    if role == "manager":
        reps = t["rep"][t["rep"]["region_id"] == region]["rep_id"]
        affiliations = t["affiliation"][
            t["affiliation"]["department_id"].isin(departments["department_id"])
        ]
        doctors = affiliations["doctor_id"]
        sales = t["sale"][t["sale"]["hospital_id"].isin(hospitals)]
    else:
        reps = pd.Series([rep_id])
        doctors = t["assignment"][t["assignment"]["rep_id"] == rep_id]["doctor_id"]
        affiliations = t["affiliation"][t["affiliation"]["doctor_id"].isin(doctors)]
        theirs = t["department"][
            t["department"]["department_id"].isin(affiliations["department_id"])
        ]["hospital_id"]
        sales = t["sale"][t["sale"]["hospital_id"].isin(theirs)]
    calls = t["call"][t["call"]["rep_id"].isin(reps)]
    plans = t["plan"][t["plan"]["rep_id"].isin(reps)]
    trials = ["study", "arm", "site", "subject", "submission", "assessment", "adverse_event"]
    seen = {
        "region": int((t["region"]["region_id"] == region).sum()),
        "city": len(cities),
        "hospital": len(hospitals),
        "department": len(departments),
        "doctor": int(t["doctor"]["doctor_id"].isin(doctors).sum()),
        "affiliation": len(affiliations),
        "product": len(t["product"]),
        "rep": len(reps),
        "call": len(calls),
        "call_product": int(t["call_product"]["call_id"].isin(calls["call_id"]).sum()),
        "plan": len(plans),
        "plan_item": int(t["plan_item"]["plan_id"].isin(plans["plan_id"]).sum()),
        "event": int(t["event"]["city_id"].isin(cities).sum()),
        "dealer": int(t["dealer"]["city_id"].isin(cities).sum()),
        "sale": len(sales),
        "potential": int(t["potential"]["doctor_id"].isin(doctors).sum()),
        "audit": 0,
    }
    for name in ("assignment", "invitation"):
        seen[name] = int(t[name]["rep_id"].isin(reps).sum())
    for name in trials:
        seen[name] = len(t[name]) if role == "manager" else 0
    return seen


def test_the_world_has_two_regions_with_reps_calls_and_plans_in_each(
    tables: dict[str, pd.DataFrame],
) -> None:
    calls = tables["call"].merge(tables["rep"][["rep_id", "region_id"]], on="rep_id")
    plans = tables["plan"].merge(tables["rep"][["rep_id", "region_id"]], on="rep_id")
    assert calls["region_id"].nunique() == 2 and plans["region_id"].nunique() == 2


def test_each_manager_and_rep_sees_exactly_their_part(
    store: str, tables: dict[str, pd.DataFrame], opened: Opener
) -> None:
    first, second, rep, _east = _people(tables)
    people = tables["rep"].set_index("employee_id")
    for who, role in ((first, "manager"), (second, "manager"), (rep, "rep")):
        db = opened(f"{role}:{who}")
        row = people.loc[who]
        expected = _expected(tables, role, int(row["rep_id"]), int(row["region_id"]))
        assert db.counts() == {name: expected[name] for name in TABLE_ORDER}, who
        db.close()
    # the two managers' parts share no call, no plan, no hospital
    a = _expected(tables, "manager", 0, int(people.loc[first]["region_id"]))
    b = _expected(tables, "manager", 0, int(people.loc[second]["region_id"]))
    assert a["call"] + b["call"] == len(tables["call"])
    assert a["hospital"] + b["hospital"] == len(tables["hospital"])


def test_an_analyst_sees_everything_and_writes_nothing(
    store: str, tables: dict[str, pd.DataFrame], opened: Opener
) -> None:
    db = opened("analyst")
    assert db.counts() == {name: len(tables[name]) for name in TABLE_ORDER if name != "audit"} | {
        "audit": len(tables["audit"])
    }
    plan_id = int(tables["plan"]["plan_id"].iloc[0])
    with (
        pytest.raises(NotPermitted, match="analyst may not write plan"),
        db.session() as session,
    ):
        session.get(Plan, plan_id).manager_comment = "changed"  # type: ignore[union-attr]
    db.close()
    owner = opened()
    with owner.session() as session:
        kept = session.get(Plan, plan_id)
        assert kept is not None and kept.manager_comment != "changed"
    owner.close()


def test_a_manager_reviews_their_own_region_only(
    store: str, tables: dict[str, pd.DataFrame], tmp_path: Path, opened: Opener
) -> None:
    first, second, _rep, _east = _people(tables)
    people = tables["rep"].set_index("employee_id")
    mine, theirs = int(people.loc[first]["region_id"]), int(people.loc[second]["region_id"])
    db = opened(f"manager:{first}")
    assert list(regions(db)["region_id"]) == [mine]
    assert weeks(db, theirs) == []  # the other region has no weeks, as if it had no plans
    week = weeks(opened(), theirs)[0]
    assert review_week(db, theirs, week).plans.empty
    # a decision on the other region's plan: no such plan, as far as this manager knows
    other = tables["plan"].merge(tables["rep"][["rep_id", "region_id"]], on="rep_id")
    other = other[(other["region_id"] == theirs) & (other["status"] == "submitted")]
    data = {
        "plan_id": int(other["plan_id"].iloc[0]),
        "reviewer_id": int(people.loc[first]["rep_id"]),
        "decision": "approved",
        "comment": "",
    }
    with pytest.raises(InvalidEntry) as refused:
        entry.save(db, "plan_review", data)
    assert [p.field for p in refused.value.problems] == ["plan_id"]
    # the app offers the manager's region only, and takes no other
    app = plan_review.PlanReview(Settings(data_dir=tmp_path, lang="en"), db)
    assert [value for _label, value in app.region.options] == [mine]
    with pytest.raises(TraitError):
        app.region.value = theirs
    assert [value for _label, value in app.reviewer.options] == [int(people.loc[first]["rep_id"])]
    db.close()


def test_a_manager_s_cut_and_export_hold_their_region_and_are_not_the_owner_s(
    store: str, tables: dict[str, pd.DataFrame], tmp_path: Path, opened: Opener
) -> None:
    first, _second, _rep, _east = _people(tables)
    people = tables["rep"].set_index("employee_id")
    expected = _expected(tables, "manager", 0, int(people.loc[first]["region_id"]))
    owner = opened()
    db = opened(f"manager:{first}")
    theirs = workbench.cut(db, out=tmp_path / "cuts")
    assert theirs.viewer == f"manager:{first}"
    assert {n: theirs.rows[n] for n in ("call", "sale", "doctor")} == {
        n: expected[n] for n in ("call", "sale", "doctor")
    }
    whole = workbench.cut(owner, out=tmp_path / "cuts")
    assert workbench.latest_cut(tmp_path / "cuts", of=db).id == theirs.id
    assert workbench.latest_cut(tmp_path / "cuts", of=owner).id == whole.id
    written = export_tables(db, tmp_path / "export")
    assert written["calls.csv"] == expected["call"]
    assert written["plans.csv"] == expected["plan_item"]
    db.close()
    owner.close()


def test_a_trainee_reads_and_writes_their_own_results_only(store: str, opened: Opener) -> None:
    owner = Gradebook(opened())
    me, other = owner.find("east-1", "E1"), owner.find("south-1", "S1")
    assert me is not None and other is not None
    book = Gradebook(opened("trainee:east-1/E1"))
    assert [e.employee_id for e in book.roster("east-1")] == ["E1"]
    assert book.find("south-1", "S1") is None
    assert book.attempts(me.trainee_id, "03.1", 1) >= 1
    for attempt in (
        lambda: book.record(other.trainee_id, _feedback(), round=1, hints_used=0),
        lambda: book.attempts(other.trainee_id, "03.1", 1),
        lambda: book.use_hint(other.trainee_id, "03.1", 1, 1),
        lambda: book.reset(other.trainee_id, "03.1", round=2, undone_through=0),
        lambda: book.enrol("east-1", "E9", "someone", sandbox="sb-E9"),
        lambda: book.close_camp("east-1"),
    ):
        with pytest.raises(NotPermitted):
            attempt()
    assert set(book.history()["trainee"]) == {"trainee E1"}
    assert owner.attempts(other.trainee_id, "03.1", 1) == 1  # nothing was written for them


def test_a_trainer_sees_the_camps_they_run(store: str, opened: Opener) -> None:
    book = Gradebook(opened("trainer:Li Na"))
    assert [e.employee_id for e in book.roster("east-1")] == ["E1", "E2"]
    assert book.roster("south-1") == []
    assert set(book.history()["trainee"]) == {"trainee E1", "trainee E2"}
    with pytest.raises(MissingEntry):  # as if it were not there: it is not theirs
        book.close_camp("south-1")
    with pytest.raises(NotPermitted):
        book.open_camp("someone-else-s", trainer="Wang Fang")
    assert book.open_camp(f"li-{uuid.uuid4().hex[:6]}") > 0  # their own, named for them


def test_a_score_above_the_exercise_s_points_is_refused_by_the_store(
    store: str, opened: Opener
) -> None:
    db = opened()
    trainee = Gradebook(db).find("east-1", "E2")
    assert trainee is not None
    row = {
        "uuid": str(uuid.uuid4()),
        "trainee_id": trainee.trainee_id,
        "exercise_id": "03.1",
        "round": 1,
        "kind": "submit",
        "at": dt.datetime(2026, 12, 1),
        "points": 10,
        "hints_used": 0,
        "checks": "[]",
    }
    for score, kept in ((10.0, True), (10.01, False), (1_000_000.0, False), (-0.01, False)):
        if kept:
            with db.begin() as conn:
                conn.execute(insert(Attempt).values(**row, score=score))
            row["uuid"] = str(uuid.uuid4())
            continue
        with pytest.raises(RuleViolation), db.begin() as conn:
            conn.execute(insert(Attempt).values(**row, score=score))
    db.close()


def test_a_viewer_is_spelled_one_of_five_ways_and_must_be_in_the_store(
    store: str, opened: Opener
) -> None:
    for wrong in ("boss", "manager", "manager:", "trainee:E1", "rep : R1x"):
        with pytest.raises(ConfigError, match="WORKBENCH_VIEWER"):
            Viewer.parse(wrong)
    for missing in ("manager:NOBODY", "rep:NOBODY", "trainee:east-1/NOBODY"):
        with pytest.raises(NotPermitted, match="is not in this database"):
            workbench.connect(store, viewer=missing)
    owner = opened()
    with owner.begin() as conn:
        field_rep = conn.scalar(text("SELECT employee_id FROM rep WHERE role <> 'manager'"))
    owner.close()
    with pytest.raises(NotPermitted):  # a rep is no manager
        workbench.connect(store, viewer=f"manager:{field_rep}")


@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_the_server_alone_keeps_the_lines(
    store: str, tables: dict[str, pd.DataFrame], opened: Opener
) -> None:
    """A viewer's own login, with no library between it and the tables: the same rows."""
    first, second, rep, _east = _people(tables)
    people = tables["rep"].set_index("employee_id")
    for who, role in ((first, "manager"), (rep, "rep")):
        db = opened(f"{role}:{who}")
        login = role_name(db.scope)
        db.close()
        row = people.loc[who]
        expected = _expected(tables, role, int(row["rep_id"]), int(row["region_id"]))
        with _pg_admin() as admin:
            admin.execute(f"ALTER ROLE {login} LOGIN")
        try:
            with psycopg.connect(
                f"{PG_SERVER.replace('postgres@', login + '@')}/{store.rsplit('/', 1)[1]}",
                autocommit=True,
            ) as conn:
                for name in TABLE_ORDER:
                    found = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()
                    assert found == (expected[name],), (who, name)
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute("SET ROLE postgres")
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute("UPDATE access_grant SET region_id = region_id + 1")
                other = int(people.loc[second]["rep_id"])
                with pytest.raises(psycopg.Error):  # another region's rep: not the viewer's row
                    conn.execute(
                        "INSERT INTO call (rep_id, doctor_id, call_date, joint_visit) "
                        "SELECT %s, doctor_id, DATE '2026-11-30', false FROM doctor LIMIT 1",
                        (other,),
                    )
                changed = conn.execute(
                    "UPDATE plan SET manager_comment = 'x' WHERE rep_id = %s", (other,)
                ).rowcount
                assert changed == 0
        finally:
            with _pg_admin() as admin:
                admin.execute(f"ALTER ROLE {login} NOLOGIN")


def test_a_rep_writes_their_own_calls_and_no_one_else_s(
    store: str, tables: dict[str, pd.DataFrame], opened: Opener
) -> None:
    _first, second, rep, _east = _people(tables)
    people = tables["rep"].set_index("employee_id")
    mine, other = int(people.loc[rep]["rep_id"]), int(people.loc[second]["rep_id"])
    db = opened(f"rep:{rep}")
    owner = opened()
    before = owner.counts()["call"]
    with db.session() as session:
        doctor = session.scalars(select(Assignment.doctor_id)).first()
    assert doctor is not None
    when = dt.date(2026, 11, 30)
    for rep_id, allowed in ((mine, True), (other, False)):
        write = Call(rep_id=rep_id, doctor_id=doctor, call_date=when, joint_visit=False)
        if allowed:
            with db.session() as session:
                session.add(write)
            continue
        with pytest.raises(NotPermitted), db.session() as session:
            session.add(write)
    assert owner.counts()["call"] == before + 1
    if db.dialect == "postgresql":  # past the layer, the server refuses in one line too
        with pytest.raises(NotPermitted, match="not yours to write"), db.begin() as conn:
            conn.execute(
                insert(Call).values(
                    rep_id=other, doctor_id=doctor, call_date=when, joint_visit=False
                )
            )
    assert owner.counts()["call"] == before + 1
    with owner.session() as session:  # the world stays as the other tests found it
        session.query(Call).filter(Call.rep_id == mine, Call.call_date == when).delete()
    db.close()
    owner.close()


def test_the_front_page_counts_and_dates_the_viewer_s_part(
    store: str, tables: dict[str, pd.DataFrame], opened: Opener
) -> None:
    _first, _second, rep, _east = _people(tables)
    row = tables["rep"].set_index("employee_id").loc[rep]
    mine = tables["call"][tables["call"]["rep_id"] == row["rep_id"]]
    summary = summarise(opened(f"rep:{rep}"), ["call", "plan"])
    assert summary.counts == {
        "call": len(mine),
        "plan": _expected(tables, "rep", int(row["rep_id"]), 0)["plan"],
    }
    dates = pd.to_datetime(mine["call_date"]).dt.date
    assert (summary.first_call, summary.last_call) == (dates.min(), dates.max())


def test_no_app_takes_who_is_looking_from_its_address() -> None:
    """Voila hands a page's query string to its kernel as QUERY_STRING: a crafted address
    (``?viewer=owner&region=2``) must change nothing, so no app reads it; the viewer is
    the server's setting."""
    apps = Path(workbench.__file__).parent / "apps"
    notebooks = Path(workbench.__file__).parent / "notebooks" / "apps"
    for path in [*apps.glob("*.py"), *notebooks.glob("*.ipynb")]:
        assert "QUERY_STRING" not in path.read_text(encoding="utf-8"), path.name
    for path in notebooks.glob("*.ipynb"):
        assert "Settings.from_env()" in path.read_text(encoding="utf-8"), path.name
    crafted = {
        "WORKBENCH_VIEWER": "manager:R00001",
        "QUERY_STRING": "WORKBENCH_VIEWER=owner&viewer=owner&region=2",
    }
    assert Settings.from_env(crafted).viewer == "manager:R00001"
