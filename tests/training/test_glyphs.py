"""What a trainee reads draws on a machine whose only fonts are CJK ones (WenQuanYi Micro
Hei): no character outside the Basic Multilingual Plane (emoji), and, where that font is
installed, none it lacks, in the catalogue, the exercises' texts and the marks on the card."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.forms.card import HINT_MARK
from workbench.i18n import MESSAGES
from workbench.training import EXERCISES, exercises
from workbench.training.grading import FAILED_MARK, PASSED_MARK
from workbench.training.spec import T

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def _texts(value: object) -> Iterator[tuple[str, str]]:
    if isinstance(value, T):
        yield "zh", value.zh
        yield "en", value.en
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item)


def _everything() -> dict[str, str]:
    """Every text a trainee may read, by where it comes from."""
    found = {
        f"{key} [{lang}]": message
        for key, entry in MESSAGES.items()
        for lang, message in entry.items()
    }
    for spec in EXERCISES.values():
        for i, (lang, said) in enumerate(_texts(spec)):
            found[f"exercise {spec.id} #{i} [{lang}]"] = said
    for module in pkgutil.iter_modules(exercises.__path__):
        loaded = importlib.import_module(f"{exercises.__name__}.{module.name}")
        for name, value in vars(loaded).items():
            for lang, said in _texts(value):
                found[f"{module.name}.{name} [{lang}]"] = said
    found["marks"] = HINT_MARK + PASSED_MARK + FAILED_MARK
    return found


def test_no_text_has_a_character_outside_the_basic_multilingual_plane() -> None:
    astral = {where: said for where, said in _everything().items() if max(map(ord, said)) > 0xFFFF}
    assert astral == {}


def test_the_cjk_font_has_every_character_a_trainee_reads() -> None:
    if not WQY.exists():
        pytest.skip("WenQuanYi Micro Hei is not installed here")
    ttlib = pytest.importorskip("fontTools.ttLib")
    covered = set(ttlib.TTCollection(str(WQY)).fonts[0].getBestCmap())
    missing = {
        where: "".join(sorted({c for c in said if ord(c) not in covered and c != "\n"}))
        for where, said in _everything().items()
    }
    assert {where: chars for where, chars in missing.items() if chars} == {}
