"""Importing the export format: the round trip, the re-import, updates, refusals, the command."""

from __future__ import annotations

import csv
import filecmp
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

import workbench
from workbench import Database
from workbench.cli import main
from workbench.db.export import EXPORTS, export_tables
from workbench.db.models import Audit, Doctor
from workbench.errors import FileUnusable, NotPermitted, StoreNotEmpty
from workbench.imports import REPORT_COLUMNS, SOURCES, import_files


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _audits(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Audit)) or 0)


def test_every_export_file_is_imported() -> None:
    assert {s.file for s in SOURCES} == {e.file for e in EXPORTS}


def test_export_import_export_gives_the_same_files(
    exported: Path, empty_db: Database, tmp_path: Path
) -> None:
    done = import_files(empty_db, exported, progress=False)
    assert done.written and done.problems == []
    for source in SOURCES:
        assert done.inserted[source.file] == len(_rows(exported / source.file))
    again = tmp_path / "again"
    export_tables(empty_db, again, progress=False)
    for spec in EXPORTS:
        assert filecmp.cmp(exported / spec.file, again / spec.file, shallow=False), spec.file


def test_importing_the_same_files_again_changes_nothing(
    exported: Path, empty_db: Database, tmp_path: Path
) -> None:
    import_files(empty_db, exported, progress=False)
    audits = _audits(empty_db)
    again = import_files(empty_db, exported, progress=False)
    assert again.written
    assert sum(again.inserted.values()) == 0 and sum(again.updated.values()) == 0
    assert sum(again.unchanged.values()) == sum(len(_rows(exported / s.file)) for s in SOURCES)
    assert _audits(empty_db) == audits  # not even an audit row


def test_a_later_file_updates_what_changed_and_audits_each_change(
    exported: Path, files: Path
) -> None:
    db = workbench.connect("sqlite://")
    import_files(db, exported, progress=False)
    doctors = _rows(files / "doctors.csv")
    before = dict(doctors[4])
    doctors[4]["title"] = "chief" if before["title"] != "chief" else "resident"
    doctors[6]["mobile"] = "13900000006"
    new = {**doctors[0], "doctor_id": "90001", "name": "新医生", "name_pinyin": "Xin Yisheng"}
    _write(files / "doctors.csv", [*doctors, new])
    done = import_files(db, files, progress=False, actor="import")
    assert done.updated["doctors.csv"] == 2 and done.inserted["doctors.csv"] == 1
    assert sum(done.updated.values()) == 2 and sum(done.inserted.values()) == 1
    with db.session() as s:
        assert s.get(Doctor, int(before["doctor_id"])).title == doctors[4]["title"]
        changes = s.scalars(select(Audit).where(Audit.action == "update")).all()
        assert {(a.table_name, a.row_key) for a in changes} == {
            ("doctor", before["doctor_id"]),
            ("doctor", doctors[6]["doctor_id"]),
        }
        detail = json.loads(next(a.detail for a in changes if a.row_key == before["doctor_id"]))
        assert detail == {"title": [before["title"], doctors[4]["title"]]}
        assert s.get(Doctor, 90001).name == "新医生"


def test_a_store_holding_a_sample_world_is_refused(camp_copy: Database, exported: Path) -> None:
    with pytest.raises(StoreNotEmpty) as caught:
        import_files(camp_copy, exported, progress=False)
    assert "empty database" in str(caught.value)


def test_only_the_owner_imports(exported: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    workbench.connect(url).close()
    with pytest.raises(NotPermitted):
        import_files(workbench.connect(url, viewer="analyst"), exported, progress=False)


def test_a_folder_without_the_files_or_a_file_without_its_columns_is_refused(
    files: Path, tmp_path: Path
) -> None:
    db = workbench.connect("sqlite://")
    with pytest.raises(FileUnusable, match="neither a folder"):
        import_files(db, files / "doctors.csv", progress=False)
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileUnusable, match=r"doctors\.csv"):
        import_files(db, tmp_path / "empty", progress=False)
    rows = _rows(files / "doctors.csv")
    _write(files / "doctors.csv", [{k: v for k, v in r.items() if k != "title"} for r in rows])
    with pytest.raises(FileUnusable, match="missing title"):
        import_files(db, files, progress=False)
    (files / "doctors.csv").write_bytes("doctor_id,name\n1,\xe7\x8e\x8b\n".encode("utf-16"))
    with pytest.raises(FileUnusable):
        import_files(db, files, progress=False)
    assert _audits(db) == 0


def test_a_file_saved_by_excel_with_a_byte_order_mark_reads_the_same(
    exported: Path, files: Path
) -> None:
    for source in SOURCES:
        path = files / source.file
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    db = workbench.connect("sqlite://")
    done = import_files(db, files, progress=False)
    assert done.written and not done.problems
    assert done.inserted == import_files(workbench.connect("sqlite://"), exported,
                                         progress=False).inserted  # fmt: skip


def test_the_command_imports_reports_problems_and_refuses(
    files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'company.db'}"
    doctors = _rows(files / "doctors.csv")
    doctors[2]["title"] = "professor"
    _write(files / "doctors.csv", doctors)
    runner = CliRunner()
    refused = runner.invoke(main, ["import", str(files), "--database", url, "--lang", "en"])
    assert refused.exit_code == 1, refused.output
    assert 'doctors.csv line 4: title cannot be "professor"' in refused.output
    assert "nothing was written" in refused.output
    with (tmp_path / "rejected-rows.csv").open(encoding="utf-8-sig") as f:
        report = list(csv.reader(f))
    assert tuple(report[0]) == REPORT_COLUMNS
    assert ["doctors.csv", "4", "title", "not_a_choice", "professor"] in [r[:5] for r in report]
    assert report[1][5].startswith('title cannot be "professor"')
    assert _audits(workbench.connect(url)) == 0

    good = runner.invoke(
        main, ["import", str(files), "--database", url, "--accept-good", "--report", "bad.csv"]
    )
    assert good.exit_code == 0, good.output
    assert (tmp_path / "bad.csv").is_file()
    with workbench.connect(url).session() as s:
        assert s.get(Doctor, int(doctors[2]["doctor_id"])) is None
        assert s.scalar(select(func.count()).select_from(Doctor)) == len(doctors) - 1

    same = runner.invoke(main, ["import", str(files), "--database", url, "--accept-good"])
    assert same.exit_code == 0 and "0 new" in same.output


def test_a_workbook_with_a_sheet_per_file_imports_as_the_files_do(
    exported: Path, tmp_path: Path
) -> None:
    import pandas as pd

    book = tmp_path / "company.xlsx"
    with pd.ExcelWriter(book, engine="openpyxl") as writer:
        for source in SOURCES:  # numbers, yes/no and amounts as Excel keeps them
            frame = pd.read_csv(exported / source.file, keep_default_na=False)
            frame.to_excel(writer, sheet_name=source.file.removesuffix(".csv"), index=False)
    db = workbench.connect("sqlite://")
    done = import_files(db, book, progress=False)
    assert done.written and done.problems == [], done.problems[:3]
    again = tmp_path / "again"
    export_tables(db, again, progress=False)
    for spec in EXPORTS:
        assert filecmp.cmp(exported / spec.file, again / spec.file, shallow=False), spec.file


def test_a_sheet_s_problem_is_at_its_row(files: Path) -> None:
    import pandas as pd

    doctors = pd.read_csv(files / "doctors.csv", dtype=str, keep_default_na=False)
    doctors.loc[9, "gender"] = "X"
    (files / "doctors.csv").unlink()
    doctors.to_excel(files / "doctors.xlsx", sheet_name="医生", index=False)
    done = import_files(workbench.connect("sqlite://"), files, progress=False)
    mine = [(r.line, r.problem.field, r.value) for r in done.problems if r.file == "doctors.csv"]
    assert mine == [(11, "gender", "X")]  # the header is row 1
    assert {r.problem.code for r in done.problems if r.file != "doctors.csv"} == {"unknown"}
