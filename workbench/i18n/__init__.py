"""Message catalogue, zh-CN and en: ``text(key, lang, **values)`` and ``coded(field, code, lang)``.

Every text the package shows lives in gettext catalogues under ``workbench/locale/``: the
template ``workbench.pot`` holds each message's key (its ``msgctxt``) and its English (its
``msgid``), and ``zh_CN/LC_MESSAGES/workbench.po`` the Chinese (its ``msgstr``). A translator
works on those files with any PO editor or Babel's ``pybabel``; no Python changes. A message
with no translation (or a fuzzy one) reads in English.

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

A said text may say others within it (each in the reader's language), and :func:`joined`
says several as one: clauses apart with a semicolon, items with a comma (、 in Chinese).

>>> two = joined([said("code.segment.grow"), said("code.segment.defend")], sep="items")
>>> two, in_lang(two, "zh")
('grow, defend', '增长、巩固')
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

__all__ = [
    "LOCALES",
    "MESSAGES",
    "TEMPLATE",
    "Joined",
    "Said",
    "coded",
    "in_lang",
    "joined",
    "label",
    "read_catalogue",
    "said",
    "said_code",
    "text",
]

#: the template: every message's key and English, inside the package
TEMPLATE = "locale/workbench.pot"

#: each language the package is translated into, and its catalogue
LOCALES = {"zh": "locale/zh_CN/LC_MESSAGES/workbench.po"}


def read_catalogue(path: str) -> Catalog:
    """The gettext catalogue at ``path`` inside the package, as Babel reads it."""
    with resources.files("workbench").joinpath(path).open("rb") as po:
        return read_po(po)


def _messages() -> dict[str, dict[str, str]]:
    messages = {m.context: {"en": str(m.id)} for m in read_catalogue(TEMPLATE) if m.context}
    for lang, path in LOCALES.items():
        for m in read_catalogue(path):
            if m.context in messages and m.string and not m.fuzzy:
                messages[m.context][lang] = str(m.string)
    return messages


#: every message: key -> {"en": ..., "zh": ...}, read from the catalogues once
MESSAGES: dict[str, dict[str, str]] = _messages()


def text(key: str, lang: str, /, **values: object) -> str:
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
        self = super().__new__(cls, text(key, "en", **_values_in(values, "en")))
        self.key, self.values = key, values
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Said, (self.key, self.values))

    def in_lang(self, lang: str) -> str:
        """The text in ``lang``; the values that were said themselves read in ``lang`` too."""
        return text(self.key, lang, **_values_in(self.values, lang))


def _values_in(values: dict[str, Any], lang: str) -> dict[str, Any]:
    return {k: v.in_lang(lang) if isinstance(v, Said) else v for k, v in values.items()}


#: how :func:`joined` puts its parts together, by ``sep``: the catalogue key of the separator
_SEPARATORS = {"clauses": "said.clauses", "items": "said.items"}


class Joined(Said):
    """Several texts said as one, each in the reader's language; make one with :func:`joined`."""

    def __new__(cls, parts: Sequence[str], sep: str) -> Joined:
        """``parts`` (the empty ones left out), put together as ``sep`` says."""
        kept = tuple(p for p in parts if p)
        self = str.__new__(cls, text(_SEPARATORS[sep], "en").join(kept))
        self.key, self.values = _SEPARATORS[sep], {"parts": kept}
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        sep = next(name for name, key in _SEPARATORS.items() if key == self.key)
        return (Joined, (self.values["parts"], sep))

    def in_lang(self, lang: str) -> str:
        """Each part in ``lang``, with the separator of ``lang``."""
        return text(self.key, lang).join(in_lang(p, lang) for p in self.values["parts"])


def said(key: str, /, **values: Any) -> Said:
    """The message ``key`` with ``values``, said later in its reader's language."""
    return Said(key, values)


def said_code(field: str, code: object) -> str:
    """A stored code of ``field``, :func:`said`: it reads as :func:`coded` reads it.

    A code with no label is itself, as plain text.
    """
    key = f"code.{field}.{code}"
    return said(key) if key in MESSAGES else str(code)


def joined(parts: Sequence[str], *, sep: str = "clauses") -> Joined:
    """``parts`` said as one text: ``sep`` is ``"clauses"`` (; apart) or ``"items"`` (, apart).

    Empty parts are left out; a part that was :func:`said` reads in the reader's language.
    """
    return Joined(parts, sep)


def in_lang(words: str, lang: str) -> str:
    """``words`` in ``lang`` when they were :func:`said`; other text as it is."""
    return words.in_lang(lang) if isinstance(words, Said) else words
