"""Field rules shared by every entry kind. Each returns the clean value or adds a Problem."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from workbench.entry.problems import Problem

__all__ = ["Checker"]

T = TypeVar("T")

# Chinese text: CJK characters, with the digits and punctuation hospital names carry
_ZH = re.compile(r"^[\u4e00-\u9fff0-9（）()·、\-]+$")
_HAS_ZH = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"^[A-Za-z0-9 .,'’()&/\-]+$")
_PINYIN = re.compile(r"^[A-Za-zÀ-ÿüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ' \-]+$")
MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}$")
_DIGITS = re.compile(r"-?[0-9]+")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: what the store's integer columns hold (PostgreSQL's ``integer``)
INTEGER_LOW, INTEGER_HIGH = -(2**31), 2**31 - 1
#: the days an entry may name
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2099, 12, 31)
#: characters no typed text carries: control characters (tab, line feed and carriage return
#: aside), zero-width marks, bidirectional overrides and isolates, and lone surrogates
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069"
    "\ufeff\ud800-\udfff]"
)


def _iso_day(value: Any) -> dt.date | None:
    """The day ``value`` writes as ISO text (2026-06-01), or None for anything else."""
    if not (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:  # 2026-02-30
        return None


class Checker:
    """Collects the problems of one entry while reading its fields."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.problems: list[Problem] = []

    def add(self, field: str, code: str, **values: Any) -> None:
        self.problems.append(Problem(field, code, values))

    def warn(self, field: str, code: str, **values: Any) -> None:
        self.problems.append(Problem(field, code, values, severity="warning"))

    def failed(self, field: str) -> bool:
        return any(p.field == field for p in self.problems)

    def _raw(self, field: str, required: bool) -> Any:
        value = self.data.get(field)
        if isinstance(value, str):
            value = value.strip()
            unsafe = _UNSAFE.search(value)
            if unsafe is not None:
                self.add(field, "unsafe_text", char=f"U+{ord(unsafe[0]):04X}")
                return None
        if value is None or value == "":
            if required:
                self.add(field, "required")
            return None
        return value

    def integer(
        self, field: str, *, required: bool = True, low: int | None = None, high: int | None = None
    ) -> int | None:
        value = self._raw(field, required)
        if value is None:
            return None
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and _DIGITS.fullmatch(value))
        ):
            self.add(field, "not_integer", value=value)
            return None
        low = INTEGER_LOW if low is None else max(low, INTEGER_LOW)
        high = INTEGER_HIGH if high is None else min(high, INTEGER_HIGH)
        if isinstance(value, str) and len(value.lstrip("-")) > len(str(INTEGER_HIGH)):
            self.add(field, "out_of_range", value=f"{value[:12]}…", low=low, high=high)
            return None
        number = int(value)
        if not low <= number <= high:
            self.add(field, "out_of_range", value=number, low=low, high=high)
            return None
        return number

    def record(
        self, session: Any, field: str, model: type[T], *, required: bool = True
    ) -> T | None:
        """The row whose id the field holds; ``unknown`` if there is none."""
        key = self.integer(field, required=required, low=1)
        if key is None:
            return None
        row = session.get(model, key)
        if row is None:
            self.add(field, "unknown", value=key)
        return row  # type: ignore[no-any-return]

    def text(
        self, field: str, *, max_length: int, script: str | None = None, required: bool = True
    ) -> str | None:
        """Text of at most ``max_length`` characters; ``script`` is "zh", "latin" or "pinyin"."""
        value = self._raw(field, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.add(field, "not_text", value=value)
            return None
        if len(value) > max_length:
            self.add(field, "too_long", length=len(value), max=max_length)
            return None
        if script == "zh" and not (_ZH.match(value) and _HAS_ZH.search(value)):
            self.add(field, "not_chinese", value=value)
            return None
        if script == "latin" and not _LATIN.match(value):
            self.add(field, "not_latin", value=value)
            return None
        if script == "pinyin" and not _PINYIN.match(value):
            self.add(field, "not_pinyin", value=value)
            return None
        return value

    def choice(self, field: str, choices: Sequence[str], *, required: bool = True) -> str | None:
        value = self._raw(field, required)
        if value is None:
            return None
        if value not in choices:
            self.add(field, "not_a_choice", value=value, choices=", ".join(choices))
            return None
        return str(value)

    def date(self, field: str, *, required: bool = True, future: bool = False) -> dt.date | None:
        """A day, as a date or ISO text (2026-06-01), from 1900 to 2099.

        After today only with ``future``. A number or an ISO week is not a day.
        """
        value = self._raw(field, required)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            day = _iso_day(value)
            if day is None:
                self.add(field, "not_a_date", value=value)
                return None
            value = day
        if not FIRST_DAY <= value <= LAST_DAY:
            low, high = FIRST_DAY.isoformat(), LAST_DAY.isoformat()
            self.add(field, "out_of_range", value=value.isoformat(), low=low, high=high)
            return None
        if not future and value > dt.date.today():
            self.add(field, "in_future", value=value.isoformat())
            return None
        return value

    def flag(self, field: str) -> bool:
        value = self.data.get(field, False)
        if value in (None, ""):
            return False
        if not isinstance(value, bool):
            self.add(field, "not_yes_no", value=value)
            return False
        return value

    def phone(self, field: str, *, mobile_only: bool = False, required: bool = False) -> str | None:
        value = self._raw(field, required)
        if value is None:
            return None
        text = str(value).replace(" ", "")
        if MOBILE.match(text) or (not mobile_only and LANDLINE.match(text)):
            return text
        self.add(field, "bad_mobile" if mobile_only else "bad_phone", value=value)
        return None
