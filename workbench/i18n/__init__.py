"""Message catalogue, zh-CN and en: ``text(key, lang, **values)`` and ``coded(field, code, lang)``.

The catalogue is kept in parts by noun (the core, the coded values, each app's screen); a key
lives in exactly one part.

>>> text("app.title", "en")
'Pharma CRM Workbench'
>>> coded("title", "attending", "zh"), coded("plan_status", "returned", "en")
('主治医师', 'returned')
>>> coded("grade", "3A", "zh")  # a code with no label is shown as it is stored
'3A'

A text made before its reader's language is known (an analysis's note) is :func:`said`: it
reads as English, and :func:`in_lang` says it in any language.

>>> note = said("error.config.lang", value="fr", choices="zh, en")
>>> note == "lang 'fr' is not supported; choose one of zh, en", in_lang(note, "zh")[:5]
(True, '不支持语言')
>>> in_lang("plain words", "zh")
'plain words'
"""

from __future__ import annotations

from typing import Any

from workbench.i18n import analysis, apps, catalogue, charts, cli, codes, errors, fields, workbook

__all__ = ["MESSAGES", "Said", "coded", "in_lang", "label", "said", "text"]


#: every message: key -> {"zh": ..., "en": ...} (``tests/test_i18n.py`` keeps the parts apart)
MESSAGES = {
    **catalogue.MESSAGES,
    **codes.MESSAGES,
    **apps.MESSAGES,
    **workbook.MESSAGES,
    **errors.MESSAGES,
    **cli.MESSAGES,
    **analysis.MESSAGES,
    **charts.MESSAGES,
    **fields.MESSAGES,
}


def text(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` ("zh" or "en"), formatted with ``values``."""
    entry = MESSAGES[key]
    return entry.get(lang, entry["en"]).format(**values)


def coded(field: str, code: object, lang: str) -> str:
    """How a stored code of ``field`` reads in ``lang``: ``attending`` is 主治医师 in Chinese.

    Codes are stored as they are; only what is shown changes. A code with no label (a hospital
    grade, an id) reads as itself, and a missing value as an empty string.
    """
    if code is None or code != code:  # None or NaN
        return ""
    entry = MESSAGES.get(f"code.{field}.{code}")
    return str(code) if entry is None else entry.get(lang, entry["en"])


def label(column: str, lang: str) -> str:
    """What a reader sees over ``column`` in ``lang``; an unknown column reads as its name."""
    entry = MESSAGES.get(f"column.{column}")
    return column if entry is None else entry.get(lang, entry["en"])


class Said(str):
    """An English text that keeps its catalogue key and values, to be said in any language.

    It is a ``str`` (the English), so it goes wherever text goes; :func:`in_lang` reads it in
    another language. Make one with :func:`said`.
    """

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, values: dict[str, Any]) -> Said:
        """The message ``key`` in English, keeping ``key`` and ``values``."""
        self = super().__new__(cls, text(key, "en", **values))
        self.key, self.values = key, values
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Said, (self.key, self.values))

    def in_lang(self, lang: str) -> str:
        """The text in ``lang``."""
        return text(self.key, lang, **self.values)


def said(key: str, **values: Any) -> Said:
    """The message ``key`` with ``values``, said later in its reader's language."""
    return Said(key, values)


def in_lang(words: str, lang: str) -> str:
    """``words`` in ``lang`` when they were :func:`said`; other text as it is."""
    return words.in_lang(lang) if isinstance(words, Said) else words
