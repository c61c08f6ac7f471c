"""The camp roster: the trainer's list of new reps, checked whole, each with a sandbox name.

A roster is a CSV file (UTF-8, UTF-8 with the BOM Excel writes, or GB18030 as Chinese Excel
on Windows writes it) or an ``.xlsx`` workbook (its first sheet). Its first row names the
columns ``name,employee_id,phone,email`` (in any case, with or without spaces and
underscores: ``Employee ID`` is ``employee_id``); ``name`` and
``employee_id`` are required columns and at least one of ``phone`` and ``email``. Every cell is
read as text, and the whole file is checked before anything is returned: every problem is
reported at once, each with its line as the trainer sees it (the header is line 1; in a
workbook, the sheet's row number). Blank rows are skipped and keep their line numbers.

>>> sandbox_name("王小明", "E0012")
'wang-xiaoming-E0012'
>>> sandbox_name("Alexander Smith", "E1")
'alexander-smith-E1'
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pypinyin import lazy_pinyin

from workbench.entry.problems import Problem
from workbench.errors import ConfigError, FileUnusable, InvalidEntry
from workbench.i18n import text

__all__ = [
    "COLUMNS",
    "MAX_TRAINEES",
    "Roster",
    "RosterEntry",
    "read_roster",
    "roster_report",
    "sandbox_name",
]

#: The roster's columns, in the order a report lists a line's problems.
COLUMNS = ("name", "employee_id", "phone", "email")
#: The hard limit of a camp's trainees (a camp is usually fewer than 20).
MAX_TRAINEES = 60

_MAX_ID = 20
_MAX_SANDBOX = 48
_NAME_LENGTH = (2, 8)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_NAME = re.compile(rf"[{_HAN}]+(?:·[{_HAN}]+)*")
_ID = re.compile(r"[A-Za-z0-9_-]+")
_MOBILE = re.compile(r"1[0-9]{10}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
#: surnames read differently from the same character in other words
_SURNAMES = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
    "盖": "ge", "缪": "miao", "覃": "qin", "翟": "zhai", "秘": "bi", "重": "chong", "种": "chong",
}  # fmt: skip

#: a header, in any case and with any spaces or underscores, -> its column
_KEYS = {column.replace("_", ""): column for column in COLUMNS}

Row = tuple[int, list[str]]


@dataclasses.dataclass(frozen=True)
class RosterEntry:
    """One trainee: the line it was read from, the clean values, and its sandbox name.

    ``phone`` holds digits only and is ``None`` when left empty, as is ``email``.
    """

    line: int
    name: str
    employee_id: str
    phone: str | None
    email: str | None
    sandbox: str


@dataclasses.dataclass(frozen=True)
class Roster:
    """The trainees of one camp, in the order of the file."""

    trainees: tuple[RosterEntry, ...]


def read_roster(path: str | Path) -> Roster:
    """Read and check a camp roster (``.csv`` or ``.xlsx``); every problem is reported at once.

    Parameters
    ----------
    path
        The roster file.

    Returns
    -------
    Roster
        Every trainee, with clean values and a sandbox name.

    Raises
    ------
    FileUnusable
        The file does not exist, is a folder, or cannot be opened.
    InvalidEntry
        The roster has problems; ``.problems`` lists them all (a line's ``field`` is its
        column, a whole file's is ``"roster"``), and ``roster_report`` prints them.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise FileUnusable(key="error.roster.missing", path=path) from exc
    except OSError as exc:
        raise FileUnusable(key="error.roster.unreadable", path=path, reason=exc.strerror) from exc
    problems: list[Problem] = []
    trainees = _check(_table(path, data, problems), problems, path.name)
    if problems:
        problems.sort(key=_order)
        lines = sorted({p.values["line"] for p in problems if "line" in p.values})
        where = f" on line(s) {', '.join(map(str, lines))}" if lines else ""
        raise InvalidEntry(
            problems,
            f"{len(problems)} problem(s) in the roster {path.name}{where}; "
            "roster_report(exc, lang) lists each with its fix",
        )
    return Roster(tuple(trainees))


def roster_report(exc: InvalidEntry, lang: str = "zh") -> str:
    """Every problem of a roster, one a line (``line N · column: message``), sorted by line.

    Parameters
    ----------
    exc
        What ``read_roster`` raised.
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    str
        The report, a problem a line; a problem of the whole file has no line number.
    """
    out = []
    for problem in sorted(exc.problems, key=_order):
        message, line = problem.message(lang), problem.values.get("line")
        if line is None:
            out.append(message)
        elif problem.field in COLUMNS:
            out.append(text("roster.cell", lang, line=line, column=problem.field, message=message))
        else:
            out.append(text("roster.line", lang, line=line, message=message))
    return "\n".join(out)


def sandbox_name(name: str, employee_id: str) -> str:
    """A readable, unique sandbox name: the name's pinyin, then the employee id.

    The surname is the first character, then the given name's syllables joined; toneless,
    lower case, with ``ü`` written ``v`` (``吕`` → ``lv``). A name in parts (``阿依古丽·买买提``)
    or in Latin letters keeps its parts, joined by ``-``. The name part is cut so that the
    whole is at most 48 characters; the employee id is never cut.

    Parameters
    ----------
    name
        The trainee's name, in Chinese characters or Latin letters.
    employee_id
        Letters, digits, ``-`` and ``_``, at most 20 of them.

    Returns
    -------
    str
        ``[a-z0-9-]`` followed by ``-`` and the employee id.

    Raises
    ------
    ConfigError
        The employee id is empty, too long, or has other characters.

    Examples
    --------
    >>> sandbox_name("李雷", "E7"), sandbox_name("阿依古丽·买买提", "X-3")
    ('li-lei-E7', 'ayiguli-maimaiti-X-3')
    """
    if not _ID.fullmatch(employee_id) or len(employee_id) > _MAX_ID:
        raise ConfigError(key="error.roster.employee_id", employee_id=employee_id, most=_MAX_ID)
    words = [w for w in re.split(r"[\s·]+", name.strip()) if w]
    if len(words) == 1 and re.fullmatch(f"[{_HAN}]+", words[0]):
        syllables: list[str] = lazy_pinyin(words[0])
        surname = _SURNAMES.get(words[0][0], syllables[0])
        words = [surname, "".join(syllables[1:])]
    else:
        words = ["".join(lazy_pinyin(w)) for w in words]
    plain = unicodedata.normalize("NFKD", "-".join(words)).encode("ascii", "ignore").decode()
    part = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    part = part[: _MAX_SANDBOX - len(employee_id) - 1].rstrip("-")
    return f"{part}-{employee_id}" if part else employee_id


# --- reading -----------------------------------------------------------------------------


def _add(problems: list[Problem], field: str, code: str, **values: Any) -> None:
    problems.append(Problem(field, f"roster_{code}", values))


def _order(problem: Problem) -> tuple[int, int]:
    """By line (the whole file's first), then by column."""
    fields = ("roster", *COLUMNS)
    rank = fields.index(problem.field) if problem.field in fields else len(fields)
    return problem.values.get("line", 0), rank


def _table(path: Path, data: bytes, problems: list[Problem]) -> list[Row]:
    """The file's non-blank rows, each with its line; a file-level problem if unreadable."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        _add(problems, "roster", "wrong_kind", value=path.name)
        return []
    rows = _csv_rows(data) if suffix == ".csv" else _xlsx_rows(data)
    if rows is None:
        _add(problems, "roster", "unreadable", value=path.name)
        return []
    return [(line, cells) for line, cells in rows if any(cell.strip() for cell in cells)]


def _csv_rows(data: bytes) -> list[Row] | None:
    # "utf-8-sig" reads UTF-8 with and without the BOM; then GB18030
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            decoded = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        rows, start = [], 1
        reader = csv.reader(io.StringIO(decoded, newline=""))
        try:
            for cells in reader:
                rows.append((start, cells))
                start = reader.line_num + 1
        except csv.Error:
            return None
        return rows
    return None


def _xlsx_rows(data: bytes) -> list[Row] | None:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # styles or validation openpyxl cannot read
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # a damaged or foreign file fails in zipfile, xml or openpyxl
        return None
    try:
        sheet = book.worksheets[0]
        cells = sheet.iter_rows(min_row=1, max_row=sheet.max_row, values_only=True)
        return [(line, [_as_text(v) for v in row]) for line, row in enumerate(cells, start=1)]
    finally:
        book.close()


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- checking ----------------------------------------------------------------------------


def _check(rows: list[Row], problems: list[Problem], filename: str) -> list[RosterEntry]:
    if not rows:
        if not problems:
            _add(problems, "roster", "empty", value=filename)
        return []
    (header_line, header), body = rows[0], rows[1:]
    columns: dict[str, int] = {}
    unknown, twice = [], []
    for index, cell in enumerate(header):
        key = _KEYS.get(re.sub(r"[\s_]+", "", cell).casefold(), cell.strip())
        if key in columns:
            twice.append(key)
        elif key in COLUMNS:
            columns[key] = index
        elif key:
            unknown.append(key)
    named = {i for i, cell in enumerate(header) if cell.strip()}
    if unknown:
        _add(problems, "roster", "unknown_columns", line=header_line, value=", ".join(unknown))
    for key in dict.fromkeys(twice):
        _add(problems, "roster", "column_twice", line=header_line, value=key)
    missing = [c for c in COLUMNS[:2] if c not in columns]
    if "phone" not in columns and "email" not in columns:
        missing.append("phone/email")
    if missing:
        _add(problems, "roster", "missing_columns", line=header_line, value=", ".join(missing))
    if missing or twice:
        return []
    if not body:
        _add(problems, "roster", "no_trainees", line=header_line, value=filename)
        return []
    if len(body) > MAX_TRAINEES:
        _add(problems, "roster", "too_many", value=filename, count=len(body), max=MAX_TRAINEES)
    trainees: list[RosterEntry] = []
    seen: dict[str, list[tuple[int, str]]] = {}
    for line, cells in body:
        extra = [c.strip() for i, c in enumerate(cells) if i not in named and c.strip()]
        if extra:
            _add(problems, "roster", "extra_cells", line=line, value=", ".join(extra))
        row = {c: cells[i].strip() if i < len(cells) else "" for c, i in columns.items()}
        before = len(problems)
        entry = _entry(line, row, problems)
        if not any(p.field == "employee_id" for p in problems[before:]):
            seen.setdefault(row["employee_id"].casefold(), []).append((line, row["employee_id"]))
        if entry is not None:
            trainees.append(entry)
    for same in seen.values():
        for line, value in same if len(same) > 1 else ():
            others = ", ".join(str(n) for n, _ in same if n != line)
            _add(problems, "employee_id", "id_twice", line=line, value=value, others=others)
    return trainees


def _entry(line: int, row: Mapping[str, str], problems: list[Problem]) -> RosterEntry | None:
    """The trainee on one line, or ``None`` after adding each of its problems."""
    before = len(problems)
    name, employee_id = row["name"], row["employee_id"]
    phone = re.sub(r"[\s-]+", "", row.get("phone", ""))
    email = row.get("email", "")
    for field in ("name", "employee_id"):
        if not row[field]:
            _add(problems, field, "required", line=line, value="")
    length = len(name.replace("·", ""))
    if name and not _NAME.fullmatch(name):
        _add(problems, "name", "not_chinese", line=line, value=name)
    elif name and not _NAME_LENGTH[0] <= length <= _NAME_LENGTH[1]:
        _add(problems, "name", "name_length", line=line, value=name, length=length)
    if employee_id and not _ID.fullmatch(employee_id):
        _add(problems, "employee_id", "bad_id", line=line, value=employee_id)
    elif len(employee_id) > _MAX_ID:
        _add(
            problems, "employee_id", "id_too_long",
            line=line, value=employee_id, length=len(employee_id), max=_MAX_ID,
        )  # fmt: skip
    if not phone and not email:
        _add(problems, "phone", "no_contact", line=line, value="")
    if phone and not _MOBILE.fullmatch(phone):
        _add(problems, "phone", "bad_phone", line=line, value=row["phone"])
    if email and not _EMAIL.fullmatch(email):
        _add(problems, "email", "bad_email", line=line, value=email)
    if len(problems) > before:
        return None
    sandbox = sandbox_name(name, employee_id)
    return RosterEntry(line, name, employee_id, phone or None, email or None, sandbox)
