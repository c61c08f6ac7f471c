"""The export contract: files, leading columns, formats; identical across backends."""

from __future__ import annotations

import csv
import filecmp
import re
from pathlib import Path

import pytest

import workbench
from workbench import Database
from workbench.db.export import EXPORTS, export_tables
from workbench.sample import World, load_sample

# The contract from the documentation: these files with these leading columns, in order.
CONTRACT = {
    "regions.csv": ["region_id", "name"],
    "cities.csv": ["city_id", "region_id", "name"],
    "hospitals.csv": ["hospital_id", "city_id", "name"],
    "departments.csv": ["department_id", "hospital_id", "name"],
    "doctors.csv": ["doctor_id", "name"],
    "affiliations.csv": ["doctor_id", "department_id", "is_primary"],
    "reps.csv": ["rep_id", "region_id", "hired_on", "left_on"],
    "calls.csv": ["call_id", "rep_id", "doctor_id", "call_date"],
    "plans.csv": ["rep_id", "doctor_id", "week_start"],
    "sales.csv": ["sale_id", "hospital_id", "product_id", "dealer_id", "sale_date", "amount"],
    "studies.csv": ["study_id", "code"],
    "arms.csv": ["arm_id", "study_id", "code", "is_reference"],
    "sites.csv": ["site_id", "study_id", "hospital_id", "code"],
    "subjects.csv": ["subject_id", "study_id", "site_id", "code"],
    "submissions.csv": ["submission_id", "site_id", "subject_id", "kind"],
    "assessments.csv": ["assessment_id", "submission_id", "subject_id"],
    "adverse_events.csv": ["adverse_event_id", "submission_id", "subject_id"],
}
TRIAL_FILES = (
    "subjects.csv",
    "submissions.csv",
    "assessments.csv",
    "adverse_events.csv",
)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def exported(camp_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    export_tables(camp_db, out)
    return out


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize(("file", "columns"), CONTRACT.items())
def test_contract_columns_lead_each_file(exported: Path, file: str, columns: list[str]) -> None:
    with (exported / file).open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[: len(columns)] == columns


def test_every_table_row_is_exported(exported: Path, camp_world: World) -> None:
    assert len(_read(exported / "calls.csv")) == len(camp_world["call"])
    assert len(_read(exported / "plans.csv")) == len(camp_world["plan_item"])
    assert len(_read(exported / "sales.csv")) == len(camp_world["sale"])
    assert {e.file for e in EXPORTS} == {p.name for p in exported.glob("*.csv")}


def test_dates_are_iso_and_left_on_is_empty_while_employed(exported: Path) -> None:
    reps = _read(exported / "reps.csv")
    assert all(ISO_DATE.match(r["hired_on"]) for r in reps)
    assert any(r["left_on"] == "" for r in reps)
    assert all(r["left_on"] == "" or ISO_DATE.match(r["left_on"]) for r in reps)
    assert all(ISO_DATE.match(r["call_date"]) for r in _read(exported / "calls.csv"))


def test_plans_week_start_is_the_monday_of_the_planned_day(exported: Path) -> None:
    import datetime as dt

    for row in _read(exported / "plans.csv"):
        week = dt.date.fromisoformat(row["week_start"])
        planned = dt.date.fromisoformat(row["planned_on"])
        assert week.weekday() == 0
        assert 0 <= (planned - week).days <= 6


def test_values_read_back_as_in_the_world(exported: Path, camp_world: World) -> None:
    sales = _read(exported / "sales.csv")
    total = sum(float(r["amount"]) for r in sales)
    assert total == pytest.approx(camp_world["sale"]["amount"].sum(), rel=1e-9)
    assert all(re.fullmatch(r"\d+\.\d{2}", r["amount"]) for r in sales)
    primaries = [r["is_primary"] for r in _read(exported / "affiliations.csv")]
    assert set(primaries) == {"true", "false"}
    doctors = _read(exported / "doctors.csv")
    assert doctors[0]["name"] == camp_world["doctor"]["name"].iloc[0]


def test_excel_flavour_starts_with_a_byte_order_mark(camp_db: Database, tmp_path: Path) -> None:
    export_tables(camp_db, tmp_path, excel=True)
    assert (tmp_path / "doctors.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.postgres
def test_sqlite_and_postgres_export_identical_files(
    exported: Path, make_pg_url, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pg = workbench.connect(make_pg_url())
    try:
        load_sample(pg, "camp", seed=0)
        export_tables(pg, tmp_path)
    finally:
        pg.close()
    names = sorted(p.name for p in exported.glob("*.csv"))
    _, mismatch, errors = filecmp.cmpfiles(exported, tmp_path, names, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_no_trial_export_holds_a_direct_identifier(exported: Path, camp_world: World) -> None:
    """Subjects appear under pseudonyms only: no name, phone, birth date or address
    column, and no cell holding a doctor's or rep's name or a phone number."""
    people = set(camp_world["doctor"]["name"]) | set(camp_world["rep"]["name"])
    phone = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
    for file in TRIAL_FILES:
        rows = _read(exported / file)
        assert rows, file
        for column in rows[0]:
            assert not re.search(r"name|phone|mobile|birth|address", column), (file, column)
        cells = {value for row in rows for value in row.values()}
        assert not cells & people, file
        assert not any(phone.match(value) for value in cells), file
    assert all(re.fullmatch(r"S\d{2}-\d{4}", r["code"]) for r in _read(exported / "subjects.csv"))


def test_a_full_disk_leaves_the_folder_as_it_was(
    camp_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from workbench.db import export as export_module
    from workbench.errors import FileUnusable

    out = tmp_path / "out"
    export_tables(camp_db, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_open = Path.open

    def full_after_three(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.suffix == ".csv" and len(list(self.parent.iterdir())) >= 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", full_after_three)
    with pytest.raises(FileUnusable, match="No space left") as info:
        export_module.export_tables(camp_db, out, replace=True)
    assert "nothing there was changed" in str(info.value)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # the staging folder is gone
