"""Message catalogue, zh-CN and en: ``text(key, lang, **values)`` and ``coded(field, code, lang)``.

The catalogue is kept in parts by noun (the core, the coded values, each app's screen); a key
lives in exactly one part.

>>> text("app.title", "en")
'Pharma CRM Workbench'
>>> coded("title", "attending", "zh"), coded("plan_status", "returned", "en")
('主治医师', 'returned')
>>> coded("grade", "3A", "zh")  # a code with no label is shown as it is stored
'3A'
"""

from __future__ import annotations

from workbench.i18n import apps, catalogue, cli, codes, errors, workbook

__all__ = ["MESSAGES", "coded", "text"]


#: every message: key -> {"zh": ..., "en": ...} (``tests/test_i18n.py`` keeps the parts apart)
MESSAGES = {
    **catalogue.MESSAGES,
    **codes.MESSAGES,
    **apps.MESSAGES,
    **workbook.MESSAGES,
    **errors.MESSAGES,
    **cli.MESSAGES,
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
