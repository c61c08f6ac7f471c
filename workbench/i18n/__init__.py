"""Message catalogue, zh-CN and en: ``text(key, lang, **values)``."""

from __future__ import annotations

from workbench.i18n.catalogue import MESSAGES

__all__ = ["MESSAGES", "text"]


def text(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` ("zh" or "en"), formatted with ``values``."""
    entry = MESSAGES[key]
    return entry.get(lang, entry["en"]).format(**values)
