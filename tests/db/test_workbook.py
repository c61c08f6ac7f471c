"""The export workbook: one sheet per table, in one language, names beside ids, header frozen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from workbench import Database
from workbench.cli import main
from workbench.db import workbook as workbook_module
from workbench.db.export import EXPORTS, export_tables
from workbench.db.workbook import export_workbook
from workbench.errors import FileUnusable, Unsupported
from workbench.i18n import MESSAGES, coded, text

CODES = {k: v for k, v in MESSAGES.items() if k.startswith("code.")}


@pytest.fixture(scope="module")
def books(camp_db: Database, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Workbook]:
    folder = tmp_path_factory.mktemp("workbooks")
    made = {}
    for lang in ("zh", "en"):
        export_workbook(camp_db, folder / f"{lang}.xlsx", lang=lang, progress=False)
        made[lang] = load_workbook(folder / f"{lang}.xlsx")
    return made


def _sheet(book: Workbook, stem: str, lang: str) -> pd.DataFrame:
    rows = list(book[text(f"sheet.{stem}", lang)].iter_rows(values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0])


def _sql(db: Database, query: str) -> pd.DataFrame:
    with db.engine.connect() as conn:
        return pd.read_sql_query(query, conn)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_sheet_per_exported_file_each_with_its_rows_and_a_frozen_header(
    books: dict[str, Workbook], camp_db: Database, tmp_path: Path, lang: str
) -> None:
    book = books[lang]
    csv_rows = export_tables(camp_db, tmp_path, progress=False)
    assert book.sheetnames == [text(f"sheet.{s.file.removesuffix('.csv')}", lang) for s in EXPORTS]
    for spec in EXPORTS:
        sheet = book[text(f"sheet.{spec.file.removesuffix('.csv')}", lang)]
        assert sheet.freeze_panes == "A2"
        assert sheet.max_row - 1 == csv_rows[spec.file], spec.file


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_header_is_in_the_workbooks_language(books: dict[str, Workbook], lang: str) -> None:
    words = {m[lang] for m in MESSAGES.values()}
    other = {m["en" if lang == "zh" else "zh"] for m in MESSAGES.values()} - words
    for sheet in books[lang].worksheets:
        header = next(sheet.iter_rows(max_row=1, values_only=True))
        assert set(header) <= words, sheet.title
        assert not set(header) & other, sheet.title


def test_the_calls_sheet_names_the_rep_and_the_doctor_beside_their_ids(
    books: dict[str, Workbook], camp_db: Database
) -> None:
    expected = _sql(
        camp_db,
        "SELECT c.call_id, r.name AS rep, r.name_pinyin AS rep_en, d.name AS doctor,"
        " d.name_pinyin AS doctor_en FROM call c JOIN rep r USING (rep_id)"
        " JOIN doctor d USING (doctor_id) ORDER BY c.call_id",
    )
    zh = _sheet(books["zh"], "calls", "zh")
    assert list(zh.columns[:5]) == ["拜访编号", "代表编号", "代表", "医生编号", "医生"]
    assert zh["代表"].tolist() == expected["rep"].tolist()
    assert zh["医生"].tolist() == expected["doctor"].tolist()
    en = _sheet(books["en"], "calls", "en")
    assert en["rep"].tolist() == expected["rep_en"].tolist()
    assert en["doctor"].tolist() == expected["doctor_en"].tolist()
    assert isinstance(zh["拜访日期"].iloc[0], dt.datetime)  # a date cell, not text


def test_a_sheets_own_key_has_no_name_beside_it(books: dict[str, Workbook]) -> None:
    doctors = _sheet(books["zh"], "doctors", "zh")
    assert list(doctors.columns[:3]) == ["医生编号", "名称", "拼音"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_coded_values_read_as_their_labels(
    books: dict[str, Workbook], camp_db: Database, lang: str
) -> None:
    doctors = _sheet(books[lang], "doctors", lang)
    stored = _sql(camp_db, "SELECT title, gender, specialty FROM doctor ORDER BY doctor_id")
    for field in ("title", "gender", "specialty"):
        shown = doctors[text(f"column.{field}", lang)].tolist()
        assert shown == [coded(field, code, lang) for code in stored[field]]
        if lang == "zh":
            assert not set(shown) & set(stored[field])  # no stored code is shown as it is
    plans = _sheet(books[lang], "weekly_plans", lang)
    labels = {CODES[k][lang] for k in CODES if k.startswith("code.plan_status.")}
    assert set(plans[text("column.status", lang)]) <= labels
    calls = _sheet(books[lang], "calls", lang)
    assert set(calls[text("column.joint_visit", lang)]) <= {
        text("workbook.true", lang),
        text("workbook.false", lang),
    }


def test_a_table_larger_than_a_sheet_is_refused_before_anything_is_written(
    camp_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = export_tables(camp_db, tmp_path / "csv", progress=False)
    largest = max(rows, key=rows.__getitem__)
    monkeypatch.setattr(workbook_module, "ROWS_PER_SHEET", rows[largest])  # exactly fits
    export_workbook(camp_db, tmp_path / "fits.xlsx", lang="en", progress=False)
    monkeypatch.setattr(workbook_module, "ROWS_PER_SHEET", rows[largest] - 1)  # one too many
    sheet = text(f"sheet.{largest.removesuffix('.csv')}", "en")
    with pytest.raises(Unsupported, match=rf"{sheet} would have .* rows.*export CSV instead"):
        export_workbook(camp_db, tmp_path / "too-big.xlsx", lang="en", progress=False)
    assert not (tmp_path / "too-big.xlsx").exists()


def test_a_workbook_that_cannot_be_written_leaves_nothing(
    camp_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(FileUnusable, match="nothing was written"):
        export_workbook(camp_db, tmp_path / "a-file" / "camp.xlsx", progress=False)
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]
    monkeypatch.setattr(Workbook, "save", _disk_full)
    with pytest.raises(FileUnusable, match=r"No space left on device.*nothing was written"):
        export_workbook(camp_db, tmp_path / "camp.xlsx", progress=False)
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]  # no half-written workbook


def _disk_full(self: Workbook, filename: str) -> None:
    Path(filename).write_bytes(b"PK half")
    raise OSError(28, "No space left on device")


def test_export_excel_writes_one_workbook_in_the_chosen_language(
    camp_db: Database, tmp_path: Path
) -> None:
    runner = CliRunner()
    url = camp_db.url
    result = runner.invoke(
        main, ["export", str(tmp_path), "--excel", "--lang", "en", "--database", url]
    )
    assert result.exit_code == 0, result.output
    assert "25 sheets" in result.output
    assert load_workbook(tmp_path / "workbench.xlsx").sheetnames[0] == "regions"
    named = tmp_path / "hand-out.xlsx"
    result = runner.invoke(main, ["export", str(named), "--excel", "--database", url])
    assert result.exit_code == 0, result.output
    assert load_workbook(named).sheetnames[0] == "大区"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hand-out.xlsx", "workbench.xlsx"]
