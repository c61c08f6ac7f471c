"""The message catalogue: gettext files a translator can work on, each key once, every message in
both languages with the same placeholders, and coded values read in each language."""

from __future__ import annotations

import io
import re
import string
from importlib import resources

import pytest
from babel.messages.pofile import read_po, write_po

from workbench.i18n import LOCALES, MESSAGES, TEMPLATE, coded, read_catalogue, text
from workbench.reference import DEPARTMENTS, TITLES
from workbench.resources import APPS
from workbench.training.spec import T

CATALOGUES = [TEMPLATE, *LOCALES.values()]


def _raw(path: str) -> str:
    return resources.files("workbench").joinpath(path).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", CATALOGUES)
def test_no_key_is_defined_twice_in_a_catalogue(path: str) -> None:
    keys = re.findall(r'^msgctxt "(.+)"$', _raw(path), flags=re.MULTILINE)
    assert keys and len(keys) == len(set(keys))


@pytest.mark.parametrize("path", LOCALES.values())
def test_a_translation_has_the_template_s_keys_and_english_none_fuzzy(path: str) -> None:
    template = {m.context: m.id for m in read_catalogue(TEMPLATE) if m.context}
    translated = read_catalogue(path)
    assert {m.context: m.id for m in translated if m.context} == template
    assert not [m.context for m in translated if m.context and (m.fuzzy or not m.string)]
    assert len(MESSAGES) == len(template)


@pytest.mark.parametrize("path", LOCALES.values())
def test_pybabel_update_from_the_template_changes_no_message(path: str) -> None:
    """What a translator's ``pybabel update`` writes is the file as it is: no stale entry,
    no missing flag, Babel's own layout (the header aside)."""
    catalogue = read_po(io.BytesIO(_raw(path).encode()), locale=path.split("/")[1])
    catalogue.update(read_catalogue(TEMPLATE), update_creation_date=False)
    written = io.BytesIO()
    write_po(written, catalogue, ignore_obsolete=False)
    body = written.getvalue().decode().split("\n\n", 1)[1]
    assert body == _raw(path).split("\n\n", 1)[1]


def test_a_placeholder_is_flagged_for_the_translator_s_tools() -> None:
    for message in read_catalogue(TEMPLATE):
        if message.context:
            braces = "{" in str(message.id)
            assert braces == ("python-brace-format" in message.flags), message.context


def test_an_exercise_text_is_a_catalogue_key_and_an_unknown_one_is_refused() -> None:
    assert T("exercise.module.04")("zh") == "周拜访计划"
    assert T("exercise.module.04").en == "Weekly call plans"
    with pytest.raises(ValueError, match="no-such"):
        T("exercise.no-such")


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
