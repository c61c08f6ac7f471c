"""Every table the analysis notebooks show, rendered for a Chinese and an English reader.

Each public analysis a notebook calls runs on the camp cut; ``shown`` must label every
column from the catalogue, read every code, round every float and say the note, period and
source in the reader's language, leaving only names (data) in the other one."""

from __future__ import annotations

import ast
import json
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import workbench
from workbench import analysis as wa
from workbench.analysis import Table, shown
from workbench.analysis import trials as tr
from workbench.errors import AnalysisError, ConfigError
from workbench.i18n import MESSAGES, Said, coded, in_lang, label, said

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "workbench" / "notebooks" / "analysis").glob("*.ipynb"))
ROWS = 8
BEFORE, AFTER = ("2026-06-01", "2026-07-31"), ("2026-09-01", "2026-10-31")

#: columns holding names (of people, places, events, products) or free text: data, shown as is
NAMES = {
    "name", "name_en", "name_pinyin", "doctor", "doctor_pinyin", "rep", "rep_pinyin", "event",
    "hospital", "hospital_en", "department", "department_en", "city", "city_en", "region",
    "region_en", "products", "products_en", "next_step", "discussed", "other_name",
    "other_name_pinyin", "key_message",
}  # fmt: skip
#: abbreviations and the names of methods a Chinese text writes in Latin letters
LATIN = {
    "ABC", "ORR", "DCR", "PFS", "DOR", "HR", "CI", "RECIST", "SOC", "PT", "UTC", "ITT", "ECOG",
    "CTCAE", "SQL", "NTILE", "Kaplan", "Meier", "Clopper", "Pearson", "Newcombe", "Wald", "Cox",
    "Efron", "Breslow",
}  # fmt: skip
#: the field of a column's codes where the column is named otherwise
FIELDS = {"bor": "overall", "before": "segment", "after": "segment", "potential": "tier",
          "adoption": "adoption_level", "worst grade": "worst_grade"}  # fmt: skip
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class Context:
    cut: workbench.Cut
    trial: tr.Trial
    out: Path


Case = Callable[[Context], tuple[Any, str]]

#: per analysis a notebook calls: the results it shows, as (result, part) from the camp cut
CASES: dict[str, dict[str, Case]] = {
    "call_frequency": {
        "distribution": lambda c: (wa.call_frequency(c.cut), "distribution"),
        "flagged": lambda c: (wa.call_frequency(c.cut, threshold=3), "flagged"),
    },
    "calls_vs_goal": {"table": lambda c: (wa.calls_vs_goal(c.cut), "table")},
    "under_served": {"table": lambda c: (wa.under_served(c.cut), "table")},
    "reach_frequency": {
        "segment": lambda c: (wa.reach_frequency(c.cut, by="segment"), "table"),
        "rep": lambda c: (wa.reach_frequency(c.cut, by="rep"), "table"),
    },
    "plan_conflicts": {"table": lambda c: (wa.plan_conflicts(c.cut), "table")},
    "invitation_conflicts": {
        "several_reps": lambda c: (wa.invitation_conflicts(c.cut), "several_reps"),
        "repeated": lambda c: (wa.invitation_conflicts(c.cut), "repeated"),
    },
    "concentration": {
        "hospital": lambda c: (
            wa.concentration(c.cut, value="amount", by="hospital", period=BEFORE),
            "table",
        ),
        "product": lambda c: (
            wa.concentration(c.cut, value="amount", by="product", period=AFTER),
            "table",
        ),
    },
    "growth": {
        "city": lambda c: (wa.growth(c.cut, by="city", before=BEFORE, after=AFTER), "table"),
        "hospital": lambda c: (
            wa.growth(c.cut, by="hospital", before=BEFORE, after=AFTER),
            "table",
        ),
    },
    "deciles": {
        "summary": lambda c: (
            wa.deciles(c.cut, value="prescriptions", by="doctor", method="volume"),
            "summary",
        ),
        "table": lambda c: (wa.deciles(c.cut, value="prescriptions", by="doctor"), "table"),
    },
    "potential_adoption": {
        "matrix": lambda c: (wa.potential_adoption(c.cut), "matrix"),
        "cells": lambda c: (wa.potential_adoption(c.cut), "cells"),
        "doctors": lambda c: (wa.potential_adoption(c.cut, quarter="2026Q3"), "doctors"),
    },
    "doctor_goals": {
        "goals": lambda c: (wa.doctor_goals(wa.potential_adoption(c.cut)), "table"),
        "counted": lambda c: (
            wa.doctor_goals(wa.potential_adoption(c.cut)).groupby(["segment", "goal"]).size(),
            "table",
        ),
    },
    "segment_migration": {
        "table": lambda c: (
            wa.segment_migration(
                wa.potential_adoption(c.cut, quarter="2026Q3"), wa.potential_adoption(c.cut)
            ),
            "table",
        )
    },
    "cluster_doctors": {"profile": lambda c: (wa.cluster_doctors(c.cut, k=4, seed=0), "profile")},
    "turnover": {
        part: (lambda c, part=part: (wa.turnover(c.cut), part))
        for part in ("attrition", "reps", "customers")
    },
    "handover_pack": {
        part: (lambda c, part=part: (wa.handover_pack(c.cut, 4, out=c.out), part))
        for part in ("accounts", "last_calls", "next_steps", "affiliations")
    },
    "enrolment": {"table": lambda c: (tr.enrolment(c.trial), "table")},
    "response_table": {"table": lambda c: (tr.response_table(c.trial), "table")},
    "survival_table": {
        "PFS": lambda c: (tr.survival_table(c.trial, "PFS"), "table"),
        "OS": lambda c: (tr.survival_table(c.trial, "OS", conf_type="log-log"), "table"),
    },
    "forest": {
        "orr": lambda c: (tr.forest(c.trial), "table"),
        "hr": lambda c: (tr.forest(c.trial, measure="hr"), "table"),
    },
    "ae_table": {"table": lambda c: (tr.ae_table(c.trial), "table")},
    "worst_grade_table": {"table": lambda c: (tr.worst_grade_table(c.trial), "table")},
    "timeliness": {"table": lambda c: (tr.timeliness(c.trial), "table")},
}
PARAMS = [pytest.param(name, case, id=f"{name}-{case}") for name in CASES for case in CASES[name]]


def _notebook_calls() -> set[str]:
    """The analyses the notebooks call (``wa.…(``, ``tr.…(``), but the trial and the showing."""
    called = set()
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                called |= set(re.findall(r"\b(?:wa|tr)\.(\w+)\(", "".join(cell["source"])))
    return called - {"trial", "shown"}


def test_every_analysis_a_notebook_calls_is_shown_here() -> None:
    assert _notebook_calls() == set(CASES)


@pytest.fixture(scope="module")
def context(camp_cut: workbench.Cut, tmp_path_factory: pytest.TempPathFactory) -> Context:
    return Context(camp_cut, tr.trial(camp_cut), tmp_path_factory.mktemp("handover"))


class _Cells(HTMLParser):
    """The header cells, the body's rows of cells and the paragraphs of an HTML table."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.paragraphs: list[str] = []
        self._into: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr" and self.headers:
            self.rows.append([])
        if tag in ("th", "td", "p"):
            self._into = {"th": self.headers, "td": self.rows[-1] if self.rows else [],
                          "p": self.paragraphs}[tag]  # fmt: skip
            self._into.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td", "p"):
            self._into = None

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._into[-1] += data


def _frame(what: Any, part: str) -> pd.DataFrame:
    frame = what if isinstance(what, pd.DataFrame | pd.Series) else getattr(what, part)
    if isinstance(frame, pd.Series):
        frame = frame.to_frame(name=frame.name if frame.name is not None else "value")
    index = [n for n in frame.index.names if n is not None]
    return (frame.reset_index(level=index) if index else frame).reset_index(drop=True)


def _words_outside_names(html: str, columns: tuple[str, ...]) -> str:
    """What a reader reads in ``html`` but the cells of name columns."""
    cells = _Cells()
    cells.feed(html)
    kept = [*cells.headers, *cells.paragraphs]
    for row in cells.rows:
        kept += [cell for cell, column in zip(row, columns, strict=True) if column not in NAMES]
    return "\n".join(kept)


@pytest.mark.parametrize(("name", "case"), PARAMS)
def test_a_notebook_table_reads_in_chinese_and_in_english(
    context: Context, name: str, case: str
) -> None:
    what, part = CASES[name][case](context)
    data = _frame(what, part)
    assert len(data) > 0, "a table with rows shows what its cells read"
    for lang in ("zh", "en"):
        seen = shown(what, lang, rows=ROWS, part=part)
        # the rows asked for, every column, in the order of the data (index levels first)
        assert len(seen) == len(seen.frame) == min(ROWS, len(data))
        assert seen.columns == tuple(str(c) for c in data.columns)
        page = seen._repr_html_()
        cells = _Cells()
        cells.feed(page)
        assert len(cells.rows) == min(ROWS, len(data)) and len(cells.headers) == data.shape[1]
        for i, column in enumerate(seen.columns):
            header = str(seen.frame.columns[i])
            if lang == "zh":
                assert header != column and CJK.search(header), (column, header)
            elif f"column.{column}" in MESSAGES and column != "value" and i:
                assert header == label(column, "en")
            for raw, cell in zip(data.iloc[: len(seen), i], seen.frame.iloc[:, i], strict=True):
                _same(raw, cell, column, lang)
        outside = _words_outside_names(page, seen.columns)
        if lang == "zh":
            english = set(re.findall(r"[A-Za-z]{3,}", outside)) - LATIN
            assert english == set(), f"English in the Chinese table: {sorted(english)}"
        else:
            assert not CJK.search(outside), CJK.findall(outside)
        if getattr(what, "note", ""):
            assert seen.caption.startswith(in_lang(what.note, lang))
        if getattr(what, "source", ""):
            assert ("来源" if lang == "zh" else "source") in seen.caption


def _same(raw: Any, cell: str, column: str, lang: str) -> None:
    """A cell shows its value: empty when missing, a number rounded, a code as it reads."""
    if raw is None or (pd.api.types.is_scalar(raw) and pd.isna(raw)):
        assert cell == ""
    elif isinstance(raw, bool):
        yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
        assert cell == (yes if raw else no)
    elif isinstance(raw, float):
        assert float(cell) == pytest.approx(round(raw, 3), abs=1e-9)
    elif isinstance(raw, int):
        assert cell == str(raw)
    elif isinstance(raw, pd.Timestamp):
        assert cell.startswith(raw.strftime("%Y-%m-%d"))
    elif isinstance(raw, str):
        field = FIELDS.get(column, column)
        if f"code.{field}.{raw}" in MESSAGES:
            assert cell == coded(field, raw, lang)
        elif column in NAMES:
            assert cell == raw


def test_at_most_the_rows_asked_and_how_many_there_are(camp_cut: workbench.Cut) -> None:
    goal = wa.calls_vs_goal(camp_cut)
    every = shown(goal, "zh")
    assert len(every) == len(goal.table) and every.more == ""
    three = shown(goal, "zh", rows=3, digits=1)
    assert len(three) == 3 and three.more == f"显示前 3 行，共 {len(goal.table)} 行"
    assert shown(goal, "en", rows=0).more == f"first 0 of {len(goal.table)} rows"
    assert three.frame["状态"].tolist() == [coded("status", s, "zh") for s in goal.table.status[:3]]
    per_month = goal.table["calls_per_month"][:3]
    assert three.frame["月均拜访次数"].tolist() == [f"{round(v, 1):g}" for v in per_month]
    assert "期间：" in three.caption and "（" in three.caption and "个月" in three.caption
    text = repr(three)
    assert "医生" in text and three.caption in text


def test_notes_are_said_and_keep_their_english_word_for_word(
    camp_cut: workbench.Cut, context: Context
) -> None:
    goal = wa.calls_vs_goal(camp_cut)
    assert isinstance(goal.note, Said)
    assert goal.note == "goal: calls a month expected of the segment; status below / met / above it"
    assert Table(goal.table, note=goal.note).note == goal.note.in_lang("en")
    reach = wa.reach_frequency(camp_cut, by="rep")
    assert reach.note == (
        "reach: share of targets called at least once; frequency: calls per reached doctor; "
        "targets: each rep's assigned doctors, the rep's own calls"
    )
    under = wa.under_served(camp_cut)
    assert under.note == "doctors in develop, grow, defend called less than their goal"
    assert in_lang(under.note, "zh") == "重点开发、增长、巩固细分中拜访少于目标的医生"
    response = tr.response_table(context.trial)
    assert response.note.startswith(f"ITT population, data to {context.trial.cutoff}; ")
    assert (
        "ORR difference A − B: Newcombe hybrid score 95% CI; rates: exact Clopper" in response.note
    )
    assert in_lang(response.note, "zh").startswith("ITT 人群，数据截至")
    adverse = tr.ae_table(context.trial)
    assert re.search(r"safety population \(A: N = \d+, B: N = \d+\); treatment-emergent: from",
                     adverse.note)  # fmt: skip
    assert camp_cut.label.startswith("cut ") and in_lang(camp_cut.label, "zh").startswith(
        "数据截点"
    )


def test_said_notes_survive_a_pickle_as_cuts_keep_derived_results(
    camp_cut: workbench.Cut, context: Context
) -> None:
    results = (
        wa.calls_vs_goal(camp_cut),
        wa.concentration(camp_cut, value="amount", by="hospital"),
        tr.survival_table(context.trial, "PFS"),
        tr.ae_table(context.trial),
    )
    for result in (*results, context.trial):
        again = pickle.loads(pickle.dumps(result))
        for field in ("note", "period", "source", "bor_note", "tte_note", "adverse_note"):
            before, after = getattr(result, field, ""), getattr(again, field, "")
            assert after == before and type(after) is type(before)
            assert in_lang(after, "zh") == in_lang(before, "zh")
            assert in_lang(after, "en") == before
        if result is not context.trial:
            assert CJK.search(shown(again, "zh").caption)
            assert shown(again, "zh").caption == shown(result, "zh").caption


def test_every_note_in_the_analyses_is_said() -> None:
    """No analysis writes a note as a literal (or formatted) English string."""
    words = ast.Constant | ast.JoinedStr | ast.BinOp
    literal = []
    for path in sorted((ROOT / "workbench" / "analysis").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = isinstance(node, ast.keyword) and node.arg == "note"
            assigned = isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "note" for t in node.targets
            )
            if not (named or assigned):
                continue
            value = node.value  # type: ignore[attr-defined]
            if isinstance(value, words) and not (
                isinstance(value, ast.Constant) and value.value == ""
            ):
                literal.append(f"{path.name}:{value.lineno}")
    assert literal == []
    notes = [k for k in MESSAGES if k.startswith("note.")]
    assert len(notes) >= 30 and all(MESSAGES[k]["zh"] != MESSAGES[k]["en"] for k in notes)


def test_a_frame_shows_without_words_and_what_cannot_be_shown_says_why(
    camp_cut: workbench.Cut,
) -> None:
    frame = pd.DataFrame({"abc": ["A", "C"], "share": [0.5, float("nan")], "marked": [True, False]})
    zh = shown(frame, "zh")
    assert zh.frame.to_dict("list") == {"ABC 分类": ["A 类", "C 类"], "占比": ["0.5", ""],
                                        "达到标记占比": ["是", "否"]}  # fmt: skip
    assert zh.caption == "" and "<p>" not in zh._repr_html_()
    assert shown(Table(frame, note=said("note.accounts.places")), "en").caption == (
        "hospitals, cities and regions by name"
    )
    with pytest.raises(AnalysisError, match="its tables are customers, reps, attrition"):
        shown(wa.turnover(camp_cut), "zh")
    with pytest.raises(AnalysisError, match="cannot show a object"):
        shown(object(), "en")
    with pytest.raises(ConfigError, match="lang 'fr'"):
        shown(frame, "fr")
    with pytest.raises(AnalysisError, match="rows=-1"):
        shown(frame, "en", rows=-1)
