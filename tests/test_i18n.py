"""The message catalogue: its parts never define a key twice, every message has both
languages with the same placeholders, and coded values read in each language."""

from __future__ import annotations

import string

import pytest

from workbench.i18n import (
    MESSAGES,
    analysis,
    apps,
    catalogue,
    charts,
    cli,
    coded,
    codes,
    entry,
    errors,
    fields,
    text,
    workbook,
)
from workbench.reference import DEPARTMENTS, TITLES
from workbench.resources import APPS

PARTS = [
    catalogue.MESSAGES,
    codes.MESSAGES,
    workbook.MESSAGES,
    cli.MESSAGES,
    analysis.MESSAGES,
    charts.MESSAGES,
    fields.MESSAGES,
    entry.MESSAGES,
    *(part.MESSAGES for part in apps.PARTS),
    *(part.MESSAGES for part in errors.PARTS),
]


def test_no_key_is_defined_in_two_parts() -> None:
    assert sum(len(part) for part in PARTS) == len(MESSAGES)


def _fields(message: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(message) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_and_formats_in_each(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == {"zh", "en"} and entry["zh"] and entry["en"]
    # a language may leave out a value (Chinese names the weekday), never need one more
    values = dict.fromkeys(_fields(entry["zh"]) | _fields(entry["en"]), 1)
    for lang in ("zh", "en"):
        text(key, lang, **values)


def test_every_app_names_itself_and_its_purpose_in_both_languages() -> None:
    for name in APPS:
        if name != "home":
            assert text(f"app.{name}.title", "zh") != text(f"app.{name}.title", "en")
            assert text(f"app.{name}.text", "zh")


def test_coded_values_read_in_each_language_and_other_codes_as_stored() -> None:
    zh = ["主任医师", "副主任医师", "主治医师", "住院医师"]
    assert [coded("title", t, "zh") for t in TITLES] == zh
    assert coded("title", "attending", "en") == "attending physician"
    for department in DEPARTMENTS:
        assert coded("specialty", department.specialty, "zh") == department.name
        assert coded("specialty", department.specialty, "en") == department.name_en
    assert coded("plan_status", "returned", "zh") == "已退回"
    assert coded("grade", "3A", "zh") == "3A"
    assert coded("title", None, "zh") == "" and coded("title", float("nan"), "en") == ""


def test_a_said_text_is_its_english_and_survives_a_pickle() -> None:
    import pickle

    from workbench.i18n import in_lang, label, said

    note = said("error.config.lang", value="fr", choices="zh, en")
    again = pickle.loads(pickle.dumps(note))
    assert again == note and in_lang(again, "zh") == in_lang(note, "zh") != note
    assert label("no-such-column", "zh") == "no-such-column"
