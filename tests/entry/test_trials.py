"""Site reporting: bad reports are refused whole, naming the field and the fix; a good one
appears in the next cut, changes the derived response, and updates the site's timeliness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import workbench
from workbench import Database, InvalidEntry, Settings, entry, forms
from workbench.analysis import trials as tr
from workbench.db.models import Assessment, Subject, Submission


def _on_treatment(db: Database) -> Subject:
    """A dosed, living subject with at least one assessment and no progression yet."""
    with db.session() as session:
        progressed = select(Assessment.subject_id).where(Assessment.overall == "PD")
        found = session.scalars(
            select(Subject)
            .where(
                Subject.first_dose_on.is_not(None),
                Subject.died_on.is_(None),
                Subject.subject_id.not_in(progressed),
                Subject.subject_id.in_(select(Assessment.subject_id)),
            )
            .order_by(Subject.subject_id)
        ).first()
        assert found is not None
        session.expunge(found)
        return found


def _next_visit(db: Database, subject: Subject) -> tuple[int, dt.date]:
    with db.session() as session:
        visit, last = session.execute(
            select(func.max(Assessment.visit), func.max(Assessment.assessed_on)).where(
                Assessment.subject_id == subject.subject_id
            )
        ).one()
    return int(visit) + 1, min(last + dt.timedelta(days=42), dt.date.today())


def _good_assessment(db: Database) -> dict[str, Any]:
    subject = _on_treatment(db)
    visit, day = _next_visit(db, subject)
    return {"subject_id": subject.subject_id, "visit": visit, "assessed_on": day, "overall": "SD"}


BAD_ASSESSMENTS = [
    ("subject_id", "required", {"subject_id": None}),
    ("subject_id", "unknown", {"subject_id": 10**6}),
    ("visit", "not_integer", {"visit": "第三次"}),
    ("visit", "out_of_range", {"visit": 0}),
    ("visit", "visit_not_next", {"visit": 59}),
    ("assessed_on", "in_future", {"assessed_on": dt.date.today() + dt.timedelta(days=3)}),
    ("assessed_on", "not_a_date", {"assessed_on": "下周一"}),
    ("assessed_on", "before_baseline", {"assessed_on": dt.date(2000, 1, 1)}),
    ("overall", "not_a_choice", {"overall": "MR"}),
    ("overall", "not_a_choice", {"overall": "PD'; DROP TABLE assessment; --"}),
]


@pytest.mark.parametrize(("field", "code", "change"), BAD_ASSESSMENTS)
def test_bad_assessments_are_refused_whole(
    store: Database, field: str, code: str, change: dict[str, Any]
) -> None:
    data = {**_good_assessment(store), **change}
    before = store.counts()
    with pytest.raises(InvalidEntry) as caught:
        entry.save(store, "assessment", data)
    assert (field, code) in [(p.field, p.code) for p in caught.value.problems]
    problem = next(p for p in caught.value.problems if p.code == code)
    assert problem.message("zh") != problem.message("en")
    assert store.counts() == before


def test_pd_before_baseline_and_after_death_are_refused(store: Database) -> None:
    subject = _on_treatment(store)
    baseline = subject.first_dose_on
    assert baseline is not None
    problems = entry.validate(
        store,
        "assessment",
        {"subject_id": subject.subject_id, "visit": 1, "assessed_on": baseline, "overall": "PD"},
    )
    assert "before_baseline" in [p.code for p in problems]
    with store.session() as session:
        dead = session.scalars(select(Subject).where(Subject.died_on.is_not(None))).first()
        assert dead is not None and dead.died_on is not None
        late = dead.died_on + dt.timedelta(days=10)
        dead_id = dead.subject_id
    problems = entry.validate(
        store, "adverse_event",
        {"subject_id": dead_id, "verbatim": "皮疹", "preferred_term": "Rash",
         "soc": "Skin and subcutaneous tissue disorders", "grade": 2, "start_on": late},
    )  # fmt: skip
    assert ("start_on", "after_death") in [(p.field, p.code) for p in problems]


BAD_EVENTS = [
    ("grade", "out_of_range", {"grade": 6}),
    ("grade", "out_of_range", {"grade": 0}),
    ("grade", "not_integer", {"grade": "严重"}),
    ("verbatim", "required", {"verbatim": ""}),
    ("verbatim", "too_long", {"verbatim": "皮" * 201}),
    ("serious", "not_yes_no", {"serious": "maybe"}),
    ("end_on", "ends_before_start", {"end_on": dt.date(2026, 1, 1)}),
    ("start_on", "before_consent", {"start_on": dt.date(2001, 1, 1)}),
]


@pytest.mark.parametrize(("field", "code", "change"), BAD_EVENTS)
def test_bad_adverse_events_are_refused_whole(
    store: Database, field: str, code: str, change: dict[str, Any]
) -> None:
    subject = _on_treatment(store)
    assert subject.first_dose_on is not None
    data = {
        "subject_id": subject.subject_id,
        "verbatim": "皮疹",
        "preferred_term": "Rash",
        "soc": "Skin and subcutaneous tissue disorders",
        "grade": 2,
        "serious": False,
        "related": True,
        "start_on": max(subject.first_dose_on, dt.date(2026, 2, 1)),
        **change,
    }
    before = store.counts()
    with pytest.raises(InvalidEntry) as caught:
        entry.save(store, "adverse_event", data)
    assert (field, code) in [(p.field, p.code) for p in caught.value.problems]
    assert store.counts() == before


def test_a_site_report_reaches_the_next_cut_and_its_timeliness(
    store: Database, tmp_path: Path, settings: Settings
) -> None:
    first = tr.trial(workbench.cut(store, out=tmp_path / "cuts"), cutoff=dt.date.today())
    subject = _on_treatment(store)
    visit, day = _next_visit(store, subject)
    form = forms.assessment_form(store, lang="en", settings=settings)
    form.fields["site_id"].value = subject.site_id
    assert subject.subject_id in [v for _l, v in form.fields["subject_id"].options]
    form.fields["subject_id"].value = subject.subject_id
    form.fields["visit"].value = str(visit)
    form.fields["assessed_on"].value = day
    form.fields["overall"].value = "PR"
    form.save_button.click()
    assert form.saved_id is not None, form.problems.value
    again = entry.save(
        store, "assessment",
        {"subject_id": subject.subject_id, "visit": visit, "assessed_on": day, "overall": "CR"},
    )  # fmt: skip
    with store.session() as session:
        versions = session.scalars(
            select(Submission.version)
            .join(Assessment, Assessment.submission_id == Submission.submission_id)
            .where(Assessment.subject_id == subject.subject_id, Assessment.visit == visit)
        ).all()
    assert sorted(versions) == [1, 2] and again != form.saved_id  # corrected, nothing lost

    second = tr.trial(workbench.cut(store, out=tmp_path / "cuts"), cutoff=dt.date.today())
    latest = second.assessments[
        (second.assessments.subject_id == subject.subject_id) & (second.assessments.visit == visit)
    ]
    assert set(latest["overall"]) == {"PR", "CR"} and latest["version"].max() == 2
    site = second.subjects.loc[second.subjects.subject_id == subject.subject_id, "site"].iloc[0]
    before, after = tr.timeliness(first).table.loc[site], tr.timeliness(second).table.loc[site]
    assert after["reports"] == before["reports"] + 2
    bor = second.bor.set_index("subject_id").loc[subject.subject_id]
    assert (
        bor["assessments"]
        == first.bor.set_index("subject_id").loc[subject.subject_id, "assessments"] + 1
    )
