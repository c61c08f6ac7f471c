"""Any file given as a roster: read into trainees who each keep every rule, or refused with
problems naming their column (or the whole roster) in both languages; never another exception.

CI tries 200 files (CSV in three encodings, workbooks, and raw bytes);
``FUZZ_PROFILE=deep`` tries 10,000.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import ConfigError, FileUnusable, InvalidEntry
from workbench.training import read_roster, roster_report, sandbox_name
from workbench.training.roster import COLUMNS, MAX_TRAINEES

EXAMPLES = 10_000 if os.environ.get("FUZZ_PROFILE") == "deep" else 200

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
CELL = st.one_of(
    st.text(max_size=30),
    st.text(HAN, min_size=1, max_size=10),
    st.builds(
        lambda a, b: f"{a}·{b}", st.text(HAN, min_size=1, max_size=3), st.text(HAN, max_size=3)
    ),
    st.from_regex(r"[A-Za-z0-9_-]{0,25}", fullmatch=True),
    st.from_regex(r"1[0-9]{9,11}", fullmatch=True),
    st.from_regex(r"1[0-9]{2}[ -][0-9]{4}[ -][0-9]{4}", fullmatch=True),
    st.from_regex(r"[a-z.]{0,6}@[a-z]{0,5}\.?[a-z]{0,3}", fullmatch=True),
    st.sampled_from(["", " ", "\x00", "\u202e", "\u200b", "=1+1", "王·小明", "E0012", "\t"]),
    st.integers(-(10**12), 10**12).map(str),
)
HEADER = st.lists(
    st.one_of(
        st.sampled_from(COLUMNS),
        st.sampled_from(["Name", "EMPLOYEE ID", "Employee_Id", " phone ", "E-mail", "备注"]),
        st.text(max_size=8),
    ),
    max_size=6,
)
ROWS = st.lists(st.lists(CELL, max_size=6), max_size=12)

#: what a trainee read from a roster must be
NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+(?:·[\u3400-\u4dbf\u4e00-\u9fff]+)*")
EMPLOYEE_ID = re.compile(r"[A-Za-z0-9_-]{1,20}")
MOBILE = re.compile(r"1[0-9]{10}")
SANDBOX = re.compile(r"[A-Za-z0-9_-]+")


def _csv(header: list[str], rows: list[list[str]], encoding: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


def _xlsx(header: list[str], rows: list[list[str]]) -> bytes | None:
    book = openpyxl.Workbook()
    sheet = book.active
    try:
        for row in [header, *rows]:
            sheet.append(row)
    except openpyxl.utils.exceptions.IllegalCharacterError:
        return None  # a workbook cannot hold control characters: Excel never writes them
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


#: a cell as a careful trainer writes it, by column, or now and then any cell at all
GOOD = {
    "name": st.text(HAN, min_size=2, max_size=8),
    "employee_id": st.from_regex(r"[A-Z][0-9]{3,6}", fullmatch=True),
    "phone": st.one_of(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.just("")),
    "email": st.one_of(st.from_regex(r"[a-z]{1,8}@[a-z]{2,6}\.com", fullmatch=True), st.just("")),
}


@st.composite
def careful(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """The four columns, rows mostly right: the path where a roster is read."""
    rows = draw(
        st.lists(
            st.tuples(*(st.one_of(GOOD[c], GOOD[c], GOOD[c], CELL) for c in COLUMNS)).map(list),
            min_size=1,
            max_size=8,
        )
    )
    return list(COLUMNS), rows


@st.composite
def roster_files(draw: st.DrawFn) -> tuple[str, bytes]:
    header, rows = draw(st.one_of(careful(), st.tuples(HEADER, ROWS)))
    kind = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "xlsx", "bytes"]))
    if kind == "bytes":
        return ".csv", draw(st.binary(max_size=300))
    if kind == "xlsx":
        data = _xlsx(header, rows)
        return (".xlsx", data) if data is not None else (".csv", _csv(header, rows, "utf-8"))
    return ".csv", _csv(header, rows, kind)


def _holds_every_rule(roster_path: Path) -> None:
    roster = read_roster(roster_path)
    trainees = roster.trainees
    assert 1 <= len(trainees) <= MAX_TRAINEES
    assert len({t.employee_id for t in trainees}) == len(trainees)
    for t in trainees:
        assert NAME.fullmatch(t.name) and 2 <= len(t.name.replace("·", "")) <= 8, t
        assert EMPLOYEE_ID.fullmatch(t.employee_id), t
        assert t.phone is None or MOBILE.fullmatch(t.phone), t
        assert t.email is None or "@" in t.email, t
        assert (t.phone, t.email) != (None, None), t
        assert t.sandbox == sandbox_name(t.name, t.employee_id)
        assert SANDBOX.fullmatch(t.sandbox) and len(t.sandbox) <= 48, t


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roster_files())
def test_any_file_is_a_roster_that_keeps_every_rule_or_is_refused_naming_columns(
    file: tuple[str, bytes],
) -> None:
    suffix, data = file
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"roster{suffix}"
        path.write_bytes(data)
        try:
            _holds_every_rule(path)
        except InvalidEntry as exc:
            assert exc.problems
            assert {p.field for p in exc.problems} <= {*COLUMNS, "roster"}, exc.problems
            zh, en = roster_report(exc, "zh"), roster_report(exc, "en")
            assert zh and en and zh != en
        except (FileUnusable, ConfigError) as exc:
            assert exc.message("zh") and exc.message("en")
