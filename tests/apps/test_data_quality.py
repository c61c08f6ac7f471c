"""The data quality app without a browser: it opens on the latest cut (taking one), names
the cut and the period, the region filter narrows the table, the refund rule of the settings
decides who qualifies at its exact boundary, and one switch relabels everything."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

import workbench
from tests.apps.language import OWN, assert_one_language, shown
from workbench import Database, Settings
from workbench.apps import data_quality
from workbench.db.models import Assignment, Call, City, Region, Rep
from workbench.i18n import MESSAGES
from workbench.sample import load_sample

OURS = OWN["data-quality"]


def _rows(table: str) -> dict[int, str]:
    """Each rep's row of the table, by rep id."""
    return {
        int(m.group(1)): m.group(0)
        for m in re.finditer(r"<tr class='wb-rep' data-rep='(\d+)'.*?</tr>", table)
    }


def test_it_opens_on_a_cut_it_takes_and_names_the_cut_and_period(
    camp_db: Database, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path)
    box = data_quality.build(settings, db=camp_db)
    app = box.app  # type: ignore[attr-defined]
    cuts = workbench.list_cuts(settings=settings, of=camp_db)
    assert len(cuts) == 1 and app.cut.id == cuts[0].id
    assert f"数据截点 {cuts[0].created_at:%Y-%m-%d %H:%M:%S} UTC" in app.header.value
    assert "拜访数据期间 2026-06-01 – 2026-10-30" in app.header.value
    assert "在职满 24 个月" in app.header.value
    assert len(app.chart_box.children) == 1
    rows = _rows(app.table.value)
    assert len(rows) == len(app.eligibility) > 10
    action = [r for r, row in rows.items() if "background:#fdecea" in row]
    assert set(action) == set(app.eligibility.loc[~app.eligibility["eligible"], "rep_id"])
    assert 0 < len(action) < len(rows)
    assert "录入不及时" in app.table.value and "完整率偏低" in app.table.value
    assert "疑似重复的医生" in app.duplicates.value

    again = data_quality.build(settings, db=camp_db).app  # type: ignore[attr-defined]
    assert again.cut.id == cuts[0].id  # the latest cut, not a new one
    again.new_cut.click()
    assert len(workbench.list_cuts(settings=settings, of=camp_db)) == 2
    assert again.cut.id != cuts[0].id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_everything_is_in_one_language(camp_db: Database, tmp_path: Path, lang: str) -> None:
    other = "en" if lang == "zh" else "zh"
    box = data_quality.build(Settings(data_dir=tmp_path, lang=other), db=camp_db)
    app = box.app  # type: ignore[attr-defined]
    app.language.value = lang  # the switch redraws from the other language
    assert_one_language(box, lang, {**MESSAGES, **OURS})
    page = "\n".join(shown(box))
    assert OURS["quality.title"][lang] in page and OURS["quality.col.months"][lang] in page
    spec = app.chart_box.children[0].chart.to_dict()
    assert spec["title"]["text"] == OURS["quality.chart.title"][lang]
    assert spec["encoding"]["x"]["title"] == OURS["quality.chart.week"][lang]
    assert spec["encoding"]["color"]["legend"]["title"] == OURS["quality.chart.legend"][lang]
    if lang == "en":
        assert "Yang Yongfan" in app.table.value and "East" in app.table.value
        assert "physician" in app.duplicates.value or "resident" in app.duplicates.value
        assert [label for label, _v in app.region.options] == ["All regions", "East"]


@pytest.fixture
def two_regions(tmp_path: Path) -> Database:
    """The camp world and a second region with one rep, her doctor and her calls."""
    db = workbench.connect(f"sqlite:///{tmp_path / 'two.db'}")
    load_sample(db, "camp", seed=0)
    with db.session() as session:
        session.add(Region(region_id=2, name="华北大区", name_en="North"))
        session.flush()
        session.add(City(city_id=99, region_id=2, name="北京", name_en="Beijing", tier=1))
        session.flush()
        session.add(Rep(rep_id=99, name="赵北", name_pinyin="Zhao Bei", role="rep", region_id=2,
                        city_id=99, hired_on=dt.date(2020, 1, 6)))  # fmt: skip
        session.flush()
        session.add(Assignment(rep_id=99, doctor_id=1, start_on=dt.date(2026, 6, 1)))
        for k in range(5):
            day = dt.date(2026, 10, 26) - dt.timedelta(days=7 * k)
            session.add(Call(rep_id=99, doctor_id=1, call_date=day, joint_visit=False,
                             next_step="约科室会", entered_at=dt.datetime.combine(
                                 day, dt.time(12, 0))))  # fmt: skip
    return db


def test_the_region_filter_narrows_the_table_chart_and_duplicates(
    two_regions: Database, tmp_path: Path
) -> None:
    app = data_quality.build(Settings(data_dir=tmp_path), db=two_regions).app  # type: ignore[attr-defined]
    assert [v for _label, v in app.region.options] == [0, 1, 2]
    everyone = _rows(app.table.value)
    assert 99 in everyone and len(everyone) > 10
    app.region.value = 2
    assert set(_rows(app.table.value)) == {99}
    assert "1 名代表中" in app.summary.value and "华北大区" in app.table.value
    drawn = app.chart_box.children[0].chart.data.values
    assert sum(r["calls"] for r in drawn) == 5
    app.region.value = 1
    east = set(_rows(app.table.value))
    assert 99 not in east and east == set(everyone) - {99}
    app.language.value = "en"  # the filter keeps its region across the switch
    assert app.region.value == 1 and set(_rows(app.table.value)) == east
    assert ("East", 1) in app.region.options


def test_the_refund_rule_of_the_settings_decides_at_its_exact_boundary(
    camp_db: Database, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path)
    app = data_quality.build(settings, db=camp_db).app  # type: ignore[attr-defined]
    table = app.eligibility.set_index("rep_id")
    qualified = table[table["eligible"]]
    rep_id = int(qualified["completeness"].idxmin())
    at = float(qualified.loc[rep_id, "completeness"])
    months = int(qualified["months"].min())
    assert "符合" in _rows(app.table.value)[rep_id]

    def rebuilt(**rule: float) -> dict[int, str]:
        changed = dataclasses.replace(settings, **rule)  # type: ignore[arg-type]
        return _rows(data_quality.build(changed, db=camp_db).app.table.value)  # type: ignore[attr-defined]

    assert "background" not in rebuilt(refund_completeness=at)[rep_id]
    assert "完整率偏低" in rebuilt(refund_completeness=min(at + 1e-9, 1.0))[rep_id]
    youngest = int(qualified["months"].idxmin())
    assert "background" not in rebuilt(refund_months=months)[youngest]
    assert "在职未满期限" in rebuilt(refund_months=months + 1)[youngest]


def test_a_long_list_of_reps_shows_those_needing_action_first(
    camp_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.apps import data_quality

    monkeypatch.setattr(data_quality, "MAX_REPS", 5)
    widget = data_quality.build(Settings(data_dir=tmp_path), db=camp_db)
    app = widget.app
    listed = app.table.value.count("class='wb-rep'")
    needing = int((~app.eligibility["eligible"]).sum())
    assert listed == 5 and needing >= 5
    assert app.table.value.count("background:#fdecea") == 5  # every listed one needs action
    assert f"共 {len(app.eligibility)} 名代表，这里列出 5 名" in app.table.value
