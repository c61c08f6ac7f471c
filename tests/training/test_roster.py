"""The camp roster: CSV in three encodings and .xlsx read to the same roster; every rule pinned
on both sides of its boundary; every bad row reported at once with the line the trainer sees;
sandbox names from the pinyin of the name and the employee id."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from workbench.entry.problems import Problem
from workbench.errors import ConfigError, FileUnusable, InvalidEntry
from workbench.training import Roster, RosterEntry, read_roster, roster_report, sandbox_name

HEADER = ("name", "employee_id", "phone", "email")
GOOD = [
    ("王小明", "0012", "138 1234-5678", ""),
    ("阿依古丽·买买提", "E-3_b", "", "ayi@example.com"),
    ("吕雷", "E7", "13900000000", "lv.lei@example.cn"),
]
EXPECTED = Roster(
    (
        RosterEntry(2, "王小明", "0012", "13812345678", None, "wang-xiaoming-0012"),
        RosterEntry(
            3, "阿依古丽·买买提", "E-3_b", None, "ayi@example.com", "ayiguli-maimaiti-E-3_b"
        ),
        RosterEntry(4, "吕雷", "E7", "13900000000", "lv.lei@example.cn", "lv-lei-E7"),
    )
)

Rows = Sequence[Sequence[object]]


def _csv(tmp_path: Path, rows: Rows, header: Sequence[str] = HEADER, **kw: str) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([header, *rows])
    path = tmp_path / kw.get("file", "roster.csv")
    path.write_bytes(buffer.getvalue().encode(kw.get("encoding", "utf-8")))
    return path


def _xlsx(tmp_path: Path, rows: Rows, header: Sequence[str] = HEADER) -> Path:
    """Rows written at their own sheet rows: the header in row 1, ``None`` a blank row."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row) if row is not None else [])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    return path


def _problems(path: Path) -> list[tuple[int | None, str, str, object]]:
    with pytest.raises(InvalidEntry) as caught:
        read_roster(path)
    problems = caught.value.problems
    assert all(isinstance(p, Problem) for p in problems)
    return [(p.values.get("line"), p.field, p.code, p.values.get("value")) for p in problems]


def _one_row(tmp_path: Path, row: Sequence[str]) -> list[tuple[int | None, str, str, object]]:
    """The problems of a roster of one row, or ``[]`` when it reads."""
    try:
        read_roster(_csv(tmp_path, [row]))
    except InvalidEntry:
        return _problems(_csv(tmp_path, [row]))
    return []


# --- reading -------------------------------------------------------------------------------


def test_a_good_csv_and_a_good_xlsx_read_to_the_same_roster(tmp_path: Path) -> None:
    from_csv = read_roster(_csv(tmp_path, GOOD))
    frame = pd.DataFrame(GOOD, columns=list(HEADER), dtype=str)
    frame.to_excel(tmp_path / "roster.xlsx", index=False)
    from_xlsx = read_roster(tmp_path / "roster.xlsx")
    assert from_csv == EXPECTED
    assert from_xlsx == EXPECTED


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_reads_in_utf8_with_or_without_bom_and_in_gb18030(
    tmp_path: Path, encoding: str
) -> None:
    path = _csv(tmp_path, GOOD, encoding=encoding)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    if encoding == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # so the GB18030 fallback is what reads it
    assert read_roster(path) == EXPECTED


def test_headers_ignore_case_spaces_and_underscores(tmp_path: Path) -> None:
    path = _csv(tmp_path, GOOD, header=(" Name ", "Employee ID", "PHONE", "e_mail"))
    assert read_roster(path) == EXPECTED


def test_every_cell_is_text(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path, [("王小明", "0012", 13812345678, None), ("李雷", "E2", 13900000000.0, "")]
    )
    roster = read_roster(path)
    assert [(t.employee_id, t.phone) for t in roster.trainees] == [
        ("0012", "13812345678"),
        ("E2", "13900000000"),
    ]


def test_an_empty_trailing_column_is_ignored_and_rows_may_be_short(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("name,employee_id,email,\n王小明,E1,w@example.com,\n李雷,E2\n", "utf-8")
    assert _problems(path) == [(3, "phone", "roster_no_contact", "")]
    path.write_text("name,employee_id,email,\n王小明,E1,w@example.com,\n", "utf-8")
    assert read_roster(path).trainees[0].email == "w@example.com"


def test_a_missing_file_or_a_folder_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(FileUnusable, match="no roster"):
        read_roster(tmp_path / "nowhere.csv")
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(FileUnusable):
        read_roster(tmp_path / "folder.csv")


@pytest.mark.parametrize(
    ("file", "data", "code"),
    [
        ("roster.txt", "name,employee_id,phone,email\n王小明,E1,13812345678,\n", "wrong_kind"),
        ("roster.xls", "name,employee_id,phone,email\n王小明,E1,13812345678,\n", "wrong_kind"),
        ("roster.xlsx", "name,employee_id\nnot a workbook", "unreadable"),
        ("roster.csv", b"\xff\xfe\xff\xff", "unreadable"),
        ("roster.csv", "", "empty"),
        ("roster.csv", "\n \n,,,\n", "empty"),
        ("roster.csv", "name,employee_id,phone,email\n\n", "no_trainees"),
    ],
)
def test_a_file_that_is_not_a_roster_is_one_problem(
    tmp_path: Path, file: str, data: str | bytes, code: str
) -> None:
    path = tmp_path / file
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    [(line, field, found, value)] = _problems(path)
    assert (field, found, value) == ("roster", f"roster_{code}", file)
    assert line == (1 if code == "no_trainees" else None)


def test_an_empty_xlsx_is_empty(tmp_path: Path) -> None:
    openpyxl.Workbook().save(tmp_path / "roster.xlsx")
    assert _problems(tmp_path / "roster.xlsx") == [(None, "roster", "roster_empty", "roster.xlsx")]


def test_the_columns_are_named_when_unknown_missing_or_twice(tmp_path: Path) -> None:
    header = ("name", "部门", "phone", "Remark")
    assert _problems(_csv(tmp_path, [("王小明", "销售", "13812345678", "")], header)) == [
        (1, "roster", "roster_unknown_columns", "部门, Remark"),
        (1, "roster", "roster_missing_columns", "employee_id"),
    ]
    assert _problems(_csv(tmp_path, [("王小明",)], ("name",))) == [
        (1, "roster", "roster_missing_columns", "employee_id, phone/email"),
    ]
    header = ("name", "employee_id", "phone", "Phone")
    assert _problems(_csv(tmp_path, [("王小明", "E1", "13812345678", "")], header)) == [
        (1, "roster", "roster_column_twice", "phone"),
    ]
    only_email = read_roster(
        _csv(tmp_path, [("王小明", "E1", "w@ex.cn")], ("name", "employee_id", "email"))
    )
    assert only_email.trainees[0].phone is None


def test_cells_outside_the_columns_are_reported(tmp_path: Path) -> None:
    path = _csv(tmp_path, [("王小明", "E1", "13812345678", "", "备注")])
    assert _problems(path) == [(2, "roster", "roster_extra_cells", "备注")]


# --- the rules, each on both sides of its boundary ---------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("王", "name_length"),
        ("王小", None),
        ("王" * 8, None),
        ("王" * 9, "name_length"),
        ("阿依古丽·买买提江", None),  # 8 characters and a middle dot
        ("阿依古丽·买买提江江", "name_length"),
        (" 王小明 ", None),
        ("Alexander Smith", "not_chinese"),
        ("王 小明", "not_chinese"),
        ("王小明2", "not_chinese"),
        ("·王小明", "not_chinese"),
        ("王小明·", "not_chinese"),
        ("阿依古丽··买买提", "not_chinese"),
        ("", "required"),
    ],
)
def test_name_is_two_to_eight_chinese_characters(
    tmp_path: Path, name: str, code: str | None
) -> None:
    found = _one_row(tmp_path, (name, "E1", "13812345678", ""))
    assert found == ([] if code is None else [(2, "name", f"roster_{code}", name.strip())])
    if code is None:
        assert read_roster(_csv(tmp_path, [(name, "E1", "13812345678", "")])).trainees[0].name == (
            name.strip()
        )


@pytest.mark.parametrize(
    ("employee_id", "code"),
    [
        ("E" + "1" * 19, None),
        ("E" + "1" * 20, "id_too_long"),
        ("E-1_a", None),
        ("E 1", "bad_id"),
        ("E.1", "bad_id"),
        ("工号1", "bad_id"),
        ("", "required"),
    ],
)
def test_employee_id_is_letters_digits_dash_underscore_up_to_20(
    tmp_path: Path, employee_id: str, code: str | None
) -> None:
    found = _one_row(tmp_path, ("王小明", employee_id, "13812345678", ""))
    assert found == ([] if code is None else [(2, "employee_id", f"roster_{code}", employee_id)])


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("1381234567", False),
        ("13812345678", True),
        ("138123456789", False),
        ("23812345678", False),
        ("138 1234-5678", True),
        ("１３８１２３４５６７８", False),  # full-width digits
        ("+8613812345678", False),
        ("1381234567x", False),
    ],
)
def test_phone_is_an_11_digit_mobile(tmp_path: Path, phone: str, ok: bool) -> None:
    found = _one_row(tmp_path, ("王小明", "E1", phone, ""))
    assert found == ([] if ok else [(2, "phone", "roster_bad_phone", phone)])


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("wang@example.cn", True),
        ("wang.xiaoming@mail.example.com", True),
        ("wang@example", False),
        ("wang example.cn", False),
        ("wang @example.cn", False),
        ("wang@@example.cn", False),
        ("wang@a@example.cn", False),
        ("@example.cn", False),
    ],
)
def test_email_is_plausible(tmp_path: Path, email: str, ok: bool) -> None:
    found = _one_row(tmp_path, ("王小明", "E1", "", email))
    assert found == ([] if ok else [(2, "email", "roster_bad_email", email)])


def test_phone_or_email_may_be_empty_not_both(tmp_path: Path) -> None:
    assert _one_row(tmp_path, ("王小明", "E1", "13812345678", "")) == []
    assert _one_row(tmp_path, ("王小明", "E1", "", "w@example.cn")) == []
    assert _one_row(tmp_path, ("王小明", "E1", " ", "")) == [(2, "phone", "roster_no_contact", "")]


def _camp(size: int) -> list[tuple[str, str, str, str]]:
    return [("王小明", f"E{n}", "13812345678", "") for n in range(size)]


def test_sixty_trainees_read_and_sixty_one_do_not(tmp_path: Path) -> None:
    assert len(read_roster(_csv(tmp_path, _camp(60))).trainees) == 60
    with pytest.raises(InvalidEntry) as caught:
        read_roster(_csv(tmp_path, _camp(61)))
    [problem] = caught.value.problems
    assert (problem.field, problem.code, problem.values["count"]) == (
        "roster",
        "roster_too_many",
        61,
    )
    assert "line" not in problem.values


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["E1", "E2", "E1"], [(2, "E1", "4"), (4, "E1", "2")]),
        (["E1", "E1", "E1"], [(2, "E1", "3, 4"), (3, "E1", "2, 4"), (4, "E1", "2, 3")]),
        (["E1", "e1", "E2"], [(2, "E1", "3"), (3, "e1", "2")]),  # apart only by case
        (["E1", "E2", "E3"], []),
    ],
)
def test_a_duplicate_employee_id_names_both_lines(
    tmp_path: Path, ids: list[str], expected: list[tuple[int, str, str]]
) -> None:
    path = _csv(tmp_path, [("王小明", i, "13812345678", "") for i in ids])
    if not expected:
        assert len(read_roster(path).trainees) == 3
        return
    with pytest.raises(InvalidEntry) as caught:
        read_roster(path)
    found = [
        (p.values["line"], p.values["value"], p.values["others"]) for p in caught.value.problems
    ]
    assert {p.code for p in caught.value.problems} == {"roster_id_twice"}
    assert found == expected


def test_an_id_already_wrong_is_not_also_a_duplicate(tmp_path: Path) -> None:
    path = _csv(tmp_path, [("王小明", "E 1", "13812345678", "")] * 2)
    assert [code for _, _, code, _ in _problems(path)] == ["roster_bad_id", "roster_bad_id"]


# --- every problem at once, with the line the trainer sees ---------------------------------

SEVERAL = [
    ("王小明", "E1", "13812345678", ""),  # line 2: good
    ("李", "E2", "1381234567", ""),  # line 3: a name of 1, a phone of 10
    ("", "", "", ""),  # line 4: blank, skipped
    ("张伟", "E1", "", "zhang@example"),  # line 5: duplicate id, bad email
    ("赵六", "E4", "", ""),  # line 6: no contact
]


def test_several_bad_rows_are_all_reported_with_their_lines_in_both_languages(
    tmp_path: Path,
) -> None:
    path = _csv(tmp_path, SEVERAL)
    with pytest.raises(InvalidEntry) as caught:
        read_roster(path)
    assert [(p.values["line"], p.field, p.code) for p in caught.value.problems] == [
        (2, "employee_id", "roster_id_twice"),
        (3, "name", "roster_name_length"),
        (3, "phone", "roster_bad_phone"),
        (5, "employee_id", "roster_id_twice"),
        (5, "email", "roster_bad_email"),
        (6, "phone", "roster_no_contact"),
    ]
    assert str(caught.value).startswith(
        "6 problem(s) in the roster roster.csv on line(s) 2, 3, 5, 6"
    )
    assert roster_report(caught.value, "en").splitlines() == [
        'line 2 · employee_id: employee ID "E1" is also on line 5 (ignoring case); '
        "every trainee needs an employee ID of their own.",
        'line 3 · name: name "李" has 1 Chinese character(s); it must have 2 to 8 '
        "(the middle dot not counted).",
        'line 3 · phone: phone "1381234567" is not a mobile number: 11 digits starting with 1, '
        "e.g. 13812345678 (spaces and dashes are fine).",
        'line 5 · employee_id: employee ID "E1" is also on line 2 (ignoring case); '
        "every trainee needs an employee ID of their own.",
        'line 5 · email: email "zhang@example" is not an email address; write it like '
        "wang.xiaoming@example.com (one @, a dot in the domain, no spaces).",
        "line 6 · phone: phone and email are both empty; fill in at least one of them.",
    ]
    zh = roster_report(caught.value, "zh").splitlines()
    assert [re.sub("：.*", "", line) for line in zh] == [
        "第 2 行 · employee_id",
        "第 3 行 · name",
        "第 3 行 · phone",
        "第 5 行 · employee_id",
        "第 5 行 · email",
        "第 6 行 · phone",
    ]
    assert "也在第 5 行" in zh[0] and "「李」有 1 个汉字" in zh[1] and "「1381234567」" in zh[2]
    assert "「电话」和「邮箱」都为空" in zh[5]


def test_line_numbers_count_the_lines_of_a_cell_written_over_two(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        'name,employee_id,phone,email\n"王\n小明",E1,13812345678,\n李雷,E 2,13812345678,\n', "utf-8"
    )
    assert _problems(path) == [
        (2, "name", "roster_not_chinese", "王\n小明"),
        (4, "employee_id", "roster_bad_id", "E 2"),
    ]


def test_xlsx_line_numbers_are_the_sheet_rows(tmp_path: Path) -> None:
    rows = [None, ("王小明", "E1", "13812345678", None), None, None, ("李", "E2", None, "l@x.cn")]
    path = _xlsx(tmp_path, rows)
    assert _problems(path) == [(6, "name", "roster_name_length", "李")]
    assert [t.line for t in read_roster(_xlsx(tmp_path, rows[:2])).trainees] == [3]


def test_the_report_sorts_by_line_and_puts_the_whole_file_first() -> None:
    exc = InvalidEntry(
        [
            Problem("email", "roster_bad_email", {"line": 9, "value": "x"}),
            Problem("roster", "roster_extra_cells", {"line": 4, "value": "y"}),
            Problem("roster", "roster_too_many", {"value": "r.csv", "count": 61, "max": 60}),
        ]
    )
    assert [line[:8] for line in roster_report(exc, "en").splitlines()] == [
        "roster f",
        "line 4: ",
        "line 9 ·",
    ]


# --- sandbox names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "employee_id", "expected"),
    [
        ("王小明", "E0012", "wang-xiaoming-E0012"),
        ("李雷", "E7", "li-lei-E7"),
        ("Alexander Smith", "E1", "alexander-smith-E1"),
        ("吕女", "E2", "lv-nv-E2"),  # ü is written v
        ("曾小明", "E3", "zeng-xiaoming-E3"),  # the surname's reading, not 'ceng'
        ("单田芳", "E4", "shan-tianfang-E4"),
        ("阿依古丽·买买提", "a_1", "ayiguli-maimaiti-a_1"),
        ("José Núñez", "E5", "jose-nunez-E5"),
        ("王", "E6", "wang-E6"),
        ("？？", "E8", "E8"),
    ],
)
def test_sandbox_name_is_the_pinyin_and_the_employee_id(
    name: str, employee_id: str, expected: str
) -> None:
    assert sandbox_name(name, employee_id) == expected


def test_sandbox_name_cuts_the_name_never_the_id() -> None:
    long_id = "E" * 20
    name = sandbox_name("Alexander Bartholomew Smith-Worthington", long_id)
    assert name == "alexander-bartholomew-smith-" + long_id and len(name) == 48
    # a cut that would end in a dash drops it
    name = sandbox_name("Alexander Bartholomew Smit H", long_id)
    assert name == "alexander-bartholomew-smit-" + long_id and len(name) == 47
    assert sandbox_name("Alexander Bartholomew Smith", long_id) == name[:26] + "h-" + long_id
    assert sandbox_name("欧阳娜娜", "E1") == "ou-yangnana-E1"
    assert re.fullmatch(r"[a-z0-9-]+-E_1", sandbox_name("阿卜杜热合曼·买买提", "E_1"))


@pytest.mark.parametrize("employee_id", ["", "E 1", "E" * 21, "工号"])
def test_sandbox_name_refuses_an_id_that_cannot_name_a_sandbox(employee_id: str) -> None:
    with pytest.raises(ConfigError):
        sandbox_name("王小明", employee_id)
    assert sandbox_name("王小明", "E" * 20).endswith("E" * 20)
