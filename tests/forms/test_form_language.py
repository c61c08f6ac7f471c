"""Every entry form speaks one language: its labels, choices, buttons and titles, zh or en."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from tests.apps.language import assert_one_language, shown
from workbench import Database, Settings, forms
from workbench.forms.base import EntryForm
from workbench.i18n import MESSAGES

CODES = {k: v for k, v in MESSAGES.items() if k.startswith("code.")}

FORMS: dict[str, Callable[..., EntryForm]] = {
    "hospital": forms.hospital_form,
    "department": forms.department_form,
    "doctor": forms.doctor_form,
    "call": forms.call_form,
    "invitation": forms.invitation_form,
    "plan": forms.plan_form,
    "assessment": forms.assessment_form,
    "adverse_event": forms.adverse_event_form,
}

#: every word a form may show, from the catalogue and the field labels
WORDS = MESSAGES

#: stored codes that would be a word of the other language if shown as they are
#: (RECIST's abbreviations read the same in both and are part of the Chinese labels)
STORED = {key.split(".", 2)[2] for key in CODES} - {
    "A",
    "B",
    "C",
    "F",
    "M",
    "CR",
    "PR",
    "SD",
    "PD",
    "NE",
}

#: fields whose example is data in a fixed script (a Chinese name, an English name, pinyin)
EXAMPLES = {"name", "name_en", "name_pinyin", "mobile", "verbatim"}


def _stored_names(db: Database) -> list[str]:
    """Names kept in Chinese in the data (people, places, events): allowed in English mode."""
    with db.engine.connect() as conn:
        frames = [
            pd.read_sql_query(f"SELECT name FROM {table}", conn)
            for table in ("region", "city", "hospital", "department", "doctor", "rep", "event",
                          "product", "dealer")
        ]  # fmt: skip
    return [str(n) for f in frames for n in f["name"]]


def _without_data_examples(form: EntryForm) -> None:
    for key in EXAMPLES & set(form.fields):
        form.fields[key].placeholder = ""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", list(FORMS))
def test_each_form_shows_one_language(
    store: Database, settings: Settings, kind: str, lang: str
) -> None:
    form = FORMS[kind](store, settings=settings, lang=lang)
    _without_data_examples(form)
    assert_one_language(form.widget, lang, WORDS, allowed=_stored_names(store))
    if lang == "zh":
        words = {w for text in shown(form.widget) for w in text.replace("\u00a0", " ").split()}
        assert not words & STORED, f"{kind}: stored codes shown as they are"


@pytest.mark.parametrize("kind", list(FORMS))
def test_switching_a_form_to_english_leaves_no_chinese_label(
    store: Database, settings: Settings, kind: str
) -> None:
    form = FORMS[kind](store, settings=settings, lang="zh")
    form.language.value = "en"
    _without_data_examples(form)
    assert_one_language(form.widget, "en", WORDS, allowed=_stored_names(store))
