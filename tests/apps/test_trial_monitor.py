"""The trial monitor without a browser: a cut is taken on first open; a site's report,
entered through its form, shows in the next cut as what changed and in that site's
timeliness; the language switch relabels everything."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

import workbench
from workbench import Database, Settings, forms
from workbench.analysis import trials as tr
from workbench.apps import trial_monitor
from workbench.db.models import Assessment, Site, Subject
from workbench.i18n import MESSAGES, text
from workbench.sample import load_sample

from .language import assert_one_language


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Settings, Database]]:
    settings = Settings(data_dir=tmp_path / "data", database_url=f"sqlite:///{tmp_path}/t.db")
    db = workbench.connect(settings=settings)
    load_sample(db, "camp", seed=0)
    yield settings, db
    db.close()


def _site_reports(tables: str, code: str) -> int:
    """The reports column of one site's row in the timeliness table."""
    section = tables.split("各中心上报及时性")[1]
    row = re.search(rf"<td>{code}</td>\s*<td>[^<]*</td>\s*<td[^>]*>([\d,]+)</td>", section)
    assert row, code
    return int(row.group(1).replace(",", ""))


def test_a_site_report_changes_the_next_cut_and_the_sites_timeliness(
    world: tuple[Settings, Database],
) -> None:
    settings, db = world
    box = trial_monitor.build(settings, db=db)
    monitor = box.monitor  # type: ignore[attr-defined]
    assert len(monitor.cuts) == 1  # the first open takes a cut
    assert "RDT-301" in monitor.header.value and "数据截至 2026-10-30" in monitor.header.value
    assert len(monitor.chart_box.children) == 1

    with db.session() as session:
        subject = session.scalars(
            select(Subject)
            .where(Subject.first_dose_on.is_not(None), Subject.died_on.is_(None))
            .where(
                Subject.subject_id.not_in(
                    select(Assessment.subject_id).where(Assessment.overall == "PD")
                )
            )
            .where(Subject.subject_id.in_(select(Assessment.subject_id)))
            .order_by(Subject.subject_id)
        ).first()
        assert subject is not None
        visit, last = session.execute(
            select(func.max(Assessment.visit), func.max(Assessment.assessed_on)).where(
                Assessment.subject_id == subject.subject_id
            )
        ).one()
        site = session.get(Site, subject.site_id)
        assert site is not None
        code, subject_id, site_id = site.code, subject.subject_id, subject.site_id
    before = _site_reports(monitor.tables.value, code)

    form = forms.assessment_form(db, settings=settings)
    form.fields["site_id"].value = site_id
    form.fields["subject_id"].value = subject_id
    form.fields["visit"].value = str(visit + 1)
    form.fields["assessed_on"].value = min(last + dt.timedelta(days=42), dt.date.today())
    form.fields["overall"].value = "SD"
    form.save_button.click()
    assert form.saved_id is not None, form.problems.value

    monitor.new_cut.click()
    assert len(monitor.cuts) == 2 and monitor.picker.value == monitor.cuts[-1].id
    assert "新收到的上报: <b>+1</b>" in monitor.summary.value
    assert "新入组受试者: <b>+0</b>" in monitor.summary.value
    assert dt.date.today().isoformat() in monitor.header.value  # data now run to today
    assert _site_reports(monitor.tables.value, code) == before + 1

    monitor.language.value = "en"
    assert "Changed since the last cut" in monitor.summary.value
    assert "Site reporting timeliness" in monitor.tables.value
    assert monitor.new_cut.description == "New cut"
    monitor.picker.value = monitor.cuts[0].id  # the first cut: nothing before it
    assert "reports received: <b>+" in monitor.summary.value


def _rows(table: str) -> dict[str, str]:
    """Each row of an HTML table by its first cell: the row's opening tag."""
    return {m.group(2): m.group(1) for m in re.finditer(r"(<tr[^>]*>)<td[^>]*>([^<]*)</td>", table)}


def test_everything_shown_is_in_one_language_and_overdue_sites_stand_out(
    world: tuple[Settings, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, db = world
    derived = []
    derive = tr.trial
    monkeypatch.setattr(tr, "trial", lambda *a, **k: derived.append(1) or derive(*a, **k))
    box = trial_monitor.build(settings, db=db)
    monitor = box.monitor  # type: ignore[attr-defined]
    messages = {k: v for k, v in MESSAGES.items() if k.startswith("trial.")}
    with db.session() as session:
        hospitals = list(session.scalars(select(Site.code)))
    now = monitor.trial(monitor.picker.value)
    allowed = [*now.subjects["hospital"].unique(), now.title, "中文"]
    overdue = tr.timeliness(now).table["overdue"]
    assert (overdue > 0).any() and (overdue == 0).any()

    for lang in ("zh", "en"):
        monitor.language.value = lang
        assert_one_language(box, lang, messages, allowed=allowed)
        tables = monitor.tables.value
        assert tables.count("class='workbench-table'") == 4
        for key in ("site", "hospital", "reports", "overdue", "within_target", "orr_lower"):
            assert f"<th>{html.escape(text('trial.col.' + key, lang))}</th>" in tables
        assert "<th>orr_lower</th>" not in tables and "<th>preferred_term</th>" not in tables
        timeliness = _rows(tables.split(html.escape(text("trial.timeliness", lang)))[1])
        assert set(hospitals) <= set(timeliness)
        for site, late in overdue.items():
            assert ("wb-fell" in timeliness[site]) == (late > 0), site
        spec = monitor.chart.to_dict()
        assert spec["title"]["text"] == text("trial.chart.title", lang, param="PFS")
        axes = {spec["layer"][0]["encoding"][c]["title"] for c in ("x", "y", "color")}
        assert axes == {
            text("trial.chart.x", lang),
            text("trial.chart.y", lang, param="PFS"),
            text("trial.chart.legend", lang),
        }
    assert "随机化后天数" not in str(spec) and "days since randomisation" in str(spec)
    assert "Shanghai" in monitor.tables.value  # hospitals by their English names
    monitor.language.value = "zh"
    spec = monitor.chart.to_dict()
    assert "随机化后天数" in str(spec) and "组别" in str(spec) and "中位" in str(spec)
    assert "days since" not in str(spec) and "median" not in str(spec)
    assert "数据截至" in monitor.tables.value and "data to" not in monitor.tables.value
    assert len(derived) == 1  # the cut's trial is derived once however often it is shown


def test_a_cuts_derivations_are_made_once_for_every_page_that_shows_it(
    camp_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path)
    workbench.cut(camp_db, settings=settings)
    derived: list[str] = []
    real = tr.trial

    def counted(source: workbench.Cut) -> tr.Trial:
        derived.append(source.id)
        return real(source)

    monkeypatch.setattr(trial_monitor.tr, "trial", counted)
    first = trial_monitor.build(settings, db=camp_db)
    second = trial_monitor.build(settings, db=camp_db)  # the next page, another kernel
    assert len(derived) == 1
    assert second.monitor.tables.value == first.monitor.tables.value
