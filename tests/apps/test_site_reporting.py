"""The site reporting app without a browser: a site picked fixes the forms on it and narrows
the subjects; a saved assessment is listed at once and leaves the overdue list; a bad entry
shows its problem in both languages and writes nothing; one switch relabels the app and its
forms; the overdue list agrees with plain pandas and its threshold is pinned."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest
from sqlalchemy import select

import workbench
from tests.apps.language import assert_one_language, shown
from tests.test_trial_sites import _independent_overdue
from workbench import Database, Settings
from workbench.apps import site_reporting
from workbench.apps.site_reporting import SiteReporting
from workbench.db.models import Site, Subject
from workbench.entry.problems import FIELD_LABELS
from workbench.i18n import MESSAGES
from workbench.sample import load_sample

#: the day the camp world's reports end
END = dt.date(2026, 10, 30)
_HIGHLIGHTED = re.compile(r"<tr style='background:#f8d7da'><td>([^<]+)</td>")


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Settings, Database]]:
    """The camp world in a database of this test's own, written to by the forms."""
    settings = Settings(data_dir=tmp_path / "data", database_url=f"sqlite:///{tmp_path}/t.db")
    db = workbench.connect(settings=settings)
    load_sample(db, "camp", seed=0)
    yield settings, db
    db.close()


def _app(world: tuple[Settings, Database], code: str = "S01") -> SiteReporting:
    settings, db = world
    box = site_reporting.build(settings, db=db)
    app: SiteReporting = box.app  # type: ignore[attr-defined]
    assert app.widget is box
    app.site.value = _site_id(db, code)
    return app


def _site_id(db: Database, code: str) -> int:
    with db.session() as session:
        found = session.scalar(select(Site.site_id).where(Site.code == code))
    assert found is not None
    return int(found)


def _messages() -> dict[str, dict[str, str]]:
    """The app's messages and those its forms show, their field labels among them.

    The site's label ("site") is left out: MedDRA's organ class "General disorders and
    administration site conditions" is English in both languages, as coded.
    """
    forms = {k: v for k, v in MESSAGES.items() if k.startswith(("form.", "code.overall."))}
    labels = {f"label.{k}": v for k, v in FIELD_LABELS.items() if k != "site_id"}
    own = {k: v for k, v in MESSAGES.items() if k.startswith(("sites.", "app.site-reporting."))}
    return {**own, **forms, **labels}


def test_it_builds_on_the_camp_world_and_a_site_picked_narrows_the_subjects(
    world: tuple[Settings, Database],
) -> None:
    settings, db = world
    box = site_reporting.build(settings, db=db)
    app: SiteReporting = box.app  # type: ignore[attr-defined]
    assert app.site.value is None and app.tabs.layout.display == "none"
    assert "请先选择试验中心" in app.header.value
    assert len(app.site.options) == 21  # "—" and the camp trial's 20 sites
    assert sum(isinstance(w, widgets.ToggleButtons) for w in _walk(box)) == 1

    app.site.value = _site_id(db, "S02")
    with db.session() as session:
        codes = session.scalars(
            select(Subject.code).where(Subject.site_id == app.site_id).order_by(Subject.code)
        ).all()
    for form in app.forms.values():
        site = form.fields["site_id"]
        assert site.value == app.site_id and site.disabled and len(site.options) == 1
        assert [c for c, _i in form.fields["subject_id"].options[1:]] == list(codes)
    assert app.tabs.layout.display == "" and "S02" in app.header.value
    assert f"受试者 {len(codes)} 名" in app.header.value

    app.forms["assessment"].clear()  # a cleared form keeps its site
    assert app.forms["assessment"].fields["site_id"].value == app.site_id


def _walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def test_a_saved_assessment_is_listed_at_once_and_leaves_the_overdue_list(
    world: tuple[Settings, Database],
) -> None:
    app = _app(world)  # today is the real today, after the camp world's last report
    late = app.schedule[app.schedule["overdue"]]
    assert len(late) > 0
    owed = late.iloc[0]
    assert owed["subject"] in _HIGHLIGHTED.findall(app.overdue.value)
    reports = len(app.listed)

    form = app.forms["assessment"]
    form.fields["subject_id"].value = int(owed["subject_id"])
    form.fields["visit"].value = str(owed["next_visit"])
    form.fields["assessed_on"].value = app.day
    form.fields["overall"].value = "SD"
    app.tabs.selected_index = 0
    form.save_button.click()
    assert form.saved_id is not None, form.problems.value

    assert len(app.listed) == reports + 1
    first = re.search(r"</th></tr><tr><td>[^<]*</td><td>([^<]+)</td>", app.reports.value)
    assert first is not None and first.group(1) == owed["subject"]
    assert "疾病稳定（SD）" in app.reports.value.split("</tr>")[1]
    assert owed["subject"] not in _HIGHLIGHTED.findall(app.overdue.value)
    row = app.schedule.set_index("subject").loc[owed["subject"]]
    assert not row["overdue"] and row["next_visit"] == owed["next_visit"] + 1
    assert f"逾期评估 {len(late) - 1} 项" in app.header.value


def test_a_saved_adverse_event_is_listed_with_its_term_and_grade(
    world: tuple[Settings, Database],
) -> None:
    app = _app(world)
    form = app.forms["adverse_event"]
    form.fields["subject_id"].value = int(app.schedule.iloc[0]["subject_id"])  # alive
    form.fields["verbatim"].value = "腹泻"
    form.fields["preferred_term"].value = "Diarrhoea"
    form.fields["soc"].value = "Gastrointestinal disorders"
    form.fields["grade"].value = 3
    form.fields["serious"].value = True
    form.fields["start_on"].value = END
    form.save_button.click()
    assert form.saved_id is not None, form.problems.value
    latest = app.reports.value.split("</tr>")[1]
    assert "不良事件" in latest and "腹泻（Diarrhoea），3 级，严重" in latest
    app.language.value = "en"
    latest = app.reports.value.split("</tr>")[1]
    assert "adverse event" in latest and "Diarrhoea, grade 3, serious" in latest


def test_a_bad_entry_shows_its_problem_in_both_languages_and_writes_nothing(
    world: tuple[Settings, Database],
) -> None:
    _settings, db = world
    app = _app(world)
    owed = app.schedule.iloc[0]
    before, listed = db.counts(), app.reports.value
    form = app.forms["assessment"]
    form.fields["subject_id"].value = int(owed["subject_id"])
    form.fields["visit"].value = str(owed["next_visit"] + 3)
    form.fields["assessed_on"].value = app.day
    form.fields["overall"].value = "PR"
    form.save_button.click()
    assert form.saved_id is None
    assert f"下一次访视是第 {owed['next_visit']} 次" in form.problems.value
    app.language.value = "en"
    assert f"next visit is {owed['next_visit']}, not" in form.problems.value
    assert db.counts() == before
    app.language.value = "zh"
    assert app.reports.value == listed and app.schedule.iloc[0]["subject"] == owed["subject"]


def test_one_switch_relabels_every_word_of_the_app_and_its_forms(
    world: tuple[Settings, Database],
) -> None:
    settings, db = world
    box = site_reporting.build(settings, db=db)
    app: SiteReporting = box.app  # type: ignore[attr-defined]
    assert_one_language(box, "zh", _messages())
    app.language.value = "en"
    assert_one_language(box, "en", _messages())  # no Chinese at all: hospitals by name_en
    app.site.value = _site_id(db, "S03")
    assert_one_language(box, "en", _messages())
    page = "\n".join(shown(box))
    assert "S03 Shanghai No.3 People's Hospital" in page
    assert "Response assessment report" in page and "Adverse event report" in page
    assert "complete response (CR)" in page and "Save" in page
    # short enough that no tab title is cut off
    assert app.tabs.titles == ("Response", "Adverse event", "Our reports", "Overdue")
    assert app.forms["assessment"].fields["assessed_on"].description == "assessment date"
    assert app.forms["adverse_event"].fields["verbatim"].placeholder == "rash"
    app.language.value = "zh"
    assert app.site.value == _site_id(db, "S03")  # the same site, named in Chinese
    assert_one_language(box, "zh", _messages())
    page = "\n".join(shown(box))
    assert "S03 上海市第三人民医院" in page and "疗效评估上报" in page
    assert app.forms["assessment"].fields["site_id"].description == "试验中心"
    assert app.tabs.titles == ("上报疗效", "不良事件", "本中心上报", "逾期评估")


def test_the_overdue_list_agrees_with_plain_pandas_at_each_site(
    world: tuple[Settings, Database],
) -> None:
    _settings, db = world
    app = _app(world)
    for day in (END, END + dt.timedelta(days=9)):
        app.today = day
        expected = _independent_overdue(db, day)
        for site_id in app.sites["site_id"]:
            app.site.value = int(site_id)
            app.refresh()
            wanted = sorted(expected.loc[expected["site_id"] == site_id, "code"])
            assert sorted(_HIGHLIGHTED.findall(app.overdue.value)) == wanted
            assert f"逾期评估 {len(wanted)} 项" in app.header.value
            if not wanted:
                assert "没有逾期的评估" in app.overdue.value


def test_an_assessment_is_highlighted_only_more_than_the_window_past_its_due_date(
    world: tuple[Settings, Database],
) -> None:
    app = _app(world)
    app.today = END
    app.refresh()
    waiting = app.schedule[(app.schedule["days_late"] >= 0) & ~app.schedule["overdue"]]
    subject = waiting.iloc[0]
    due, window = subject["due_on"], int(subject["target_days"])
    assert window == 7
    app.today = due + dt.timedelta(days=window)
    app.refresh()
    assert subject["subject"] not in _HIGHLIGHTED.findall(app.overdue.value)
    assert "已到期，0 天内上报" in app.overdue.value
    app.today = due + dt.timedelta(days=window + 1)
    app.refresh()
    assert subject["subject"] in _HIGHLIGHTED.findall(app.overdue.value)
    row = app.schedule.set_index("subject").loc[subject["subject"]]
    assert f"请上报第 {row['next_visit']} 次访视" in app.overdue.value
