"""What is wrong with an entry, said in Chinese or English: the field, the bad value, the fix."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from workbench.i18n import MESSAGES, coded, text

__all__ = ["FIELD_LABELS", "Coded", "Problem", "label"]

#: How each field is named to the person entering it, from the catalogue (``field.<name>``).
FIELD_LABELS: dict[str, dict[str, str]] = {
    key.removeprefix("field."): entry for key, entry in MESSAGES.items() if key.startswith("field.")
}


@dataclasses.dataclass(frozen=True)
class Coded:
    """A stored code in a problem's message, read in the message's language (已退回, returned)."""

    field: str
    code: str

    def message(self, lang: str) -> str:
        """The code's label in ``lang``."""
        return coded(self.field, self.code, lang)


def _render(value: Any, lang: str) -> Any:
    """Values that speak for themselves (duplicate candidates) say it in ``lang``."""
    if hasattr(value, "message"):
        return value.message(lang)
    if isinstance(value, list | tuple) and value and all(hasattr(v, "message") for v in value):
        return ("；" if lang == "zh" else "; ").join(v.message(lang) for v in value)
    return value


def label(name: str, lang: str) -> str:
    """The field's name as the person entering it knows it."""
    return FIELD_LABELS.get(name, {}).get(lang, name)


@dataclasses.dataclass(frozen=True)
class Problem:
    """One problem with one field: ``code`` names the rule, ``values`` fill its message.

    A ``"warning"`` (say, a doctor already invited by another rep) can be accepted by the
    person entering; an ``"error"`` cannot.
    """

    field: str
    code: str
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    severity: str = "error"

    def message(self, lang: str = "zh") -> str:
        """The problem and its fix, in ``"zh"`` or ``"en"``."""
        values = {k: _render(v, lang) for k, v in self.values.items()}
        return text(f"entry.{self.code}", lang, field=label(self.field, lang), **values)

    def __str__(self) -> str:
        return self.message("en")
