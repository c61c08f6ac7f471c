"""The Monday plan review as a widget: the week's plans and flags in one language at a time,
a plan returned with a comment that the rep then sees in their plan form."""

from __future__ import annotations

import datetime as dt

from workbench import Database, Settings
from workbench.apps import plan_review
from workbench.db.models import Plan
from workbench.forms import plan_form
from workbench.i18n import MESSAGES as CATALOGUE

from .language import OWN, assert_one_language

WEEK = dt.date(2026, 10, 26)
MESSAGES = OWN["plan-review"] | {
    k: v for k, v in CATALOGUE.items() if k.startswith("code.plan_status.")
}


def _app(db: Database, tmp_path: object, lang: str = "zh") -> plan_review.PlanReview:
    widget = plan_review.build(Settings(data_dir=tmp_path, lang=lang), db=db)  # type: ignore[arg-type]
    return widget.app  # type: ignore[no-any-return]


def test_it_opens_on_the_latest_week_with_its_plans_and_flags(
    camp_db: Database, tmp_path: object
) -> None:
    app = _app(camp_db, tmp_path)
    assert app.week.value == WEEK
    assert "2026-10-26" in app.header.value and "实时" in app.header.value
    assert "已提交" in app.plans.value and "草稿" in app.plans.value
    assert "多位代表计划同一医生" in app.flags.value
    assert "#fff4d6" in app.plans.value  # plans waiting for a decision stand out
    assert app.plan.options  # the submitted plans can be decided


def test_every_word_is_in_the_language_chosen(camp_db: Database, tmp_path: object) -> None:
    app = _app(camp_db, tmp_path)
    # events have only their Chinese name: data, not a label
    events = [v["event"] for v in app.review.flags["values"] if "event" in v]  # type: ignore[union-attr]
    assert_one_language(app.widget, "zh", MESSAGES)
    app.language.value = "en"
    assert "Monday plan review" in app.header.value and "East" in app.header.value
    assert "Doctor planned by several reps" in app.flags.value
    assert_one_language(app.widget, "en", MESSAGES, allowed=[*events, "中文"])
    app.language.value = "zh"
    assert_one_language(app.widget, "zh", MESSAGES)


def test_the_week_picked_changes_the_table(camp_db: Database, tmp_path: object) -> None:
    app = _app(camp_db, tmp_path)
    latest = app.plans.value
    app.week.value = app.week.options[3][1]
    assert app.plans.value != latest and app.week.value.isoformat() in app.header.value


def test_a_plan_returned_with_a_comment_reaches_the_reps_plan_form(
    camp_copy: Database, tmp_path: object
) -> None:
    app = _app(camp_copy, tmp_path)
    plan_id = app.plan.value
    rep_id = int(app.review.plans.set_index("plan_id").loc[plan_id, "rep_id"])  # type: ignore[union-attr]
    # no comment: refused, nothing written, the manager's choice stays on screen
    assert app.decide("returned") is None
    assert "经理意见" in app.outcome.value and app.plan.value == plan_id
    app.comment.value = "请把重点客户王医生排进周三"
    assert app.decide("returned") == plan_id
    assert app.comment.value == "" and "已退回" in app.outcome.value
    with camp_copy.session() as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None and plan.status == "returned"
        assert plan.reviewed_by == app.reviewer.value
    assert plan_id not in [value for _label, value in app.plan.options]

    form = plan_form(camp_copy, lang="zh", settings=Settings(data_dir=tmp_path))  # type: ignore[arg-type]
    form.fields["rep_id"].value = rep_id
    form.fields["week_start"].value = WEEK
    banner = form.plan_status.value  # type: ignore[attr-defined]
    assert "已退回" in banner and "请把重点客户王医生排进周三" in banner and "重新提交" in banner
    loaded = [d.value for d, _day in form.plan_rows if d.value is not None]  # type: ignore[attr-defined]
    assert loaded  # the returned plan's calls are back, to be edited
    form.language.value = "en"
    assert "returned" in form.plan_status.value and "submit it again" in form.plan_status.value  # type: ignore[attr-defined]
    form.fields["submit"].value = True
    assert form.save() == plan_id
    with camp_copy.session() as session:
        assert session.get(Plan, plan_id).status == "submitted"  # type: ignore[union-attr]


def test_approving_moves_the_plan_out_of_the_queue(camp_copy: Database, tmp_path: object) -> None:
    app = _app(camp_copy, tmp_path, lang="en")
    waiting = len(app.plan.options)
    plan_id = app.plan.value
    assert app.decide("approved") == plan_id
    assert len(app.plan.options) == waiting - 1
    assert "approved" in app.outcome.value
