"""Whatever stops a save — a problem, a store that refuses, a fault — what was typed is kept: in
the fields and as a draft, with the reason on the form in its language."""

from __future__ import annotations

import json

import pytest

from workbench import Database, Settings, forms
from workbench.errors import StoreRefused
from workbench.forms import base


def _filled(store: Database, settings: Settings) -> forms.EntryForm:
    form = forms.hospital_form(store, settings=settings)
    form.picker.select(region_id=1, city_id=1)  # type: ignore[union-attr]
    form.fields["name"].value = "嘉定草稿康复医院"
    form.fields["name_en"].value = "Jiading Draft Rehabilitation Hospital"
    form.fields["beds"].value = "600"
    form.fields["grade"].value = "2A"
    return form


def test_a_store_that_refuses_keeps_the_draft_and_says_why(
    store: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = _filled(store, settings)
    before = store.counts()["hospital"]

    def full(*_args: object, **_kwargs: object) -> int:
        raise StoreRefused(key="error.store.disk_full", where="crm.db", detail="disk full")

    monkeypatch.setattr(base, "save", full)
    assert form.save() is None
    assert "磁盘" in form.problems.value and "草稿" in form.problems.value
    form.language.value = "en"
    form.save_button.click()
    assert "disk" in form.problems.value and "draft" in form.problems.value
    assert form.fields["name"].value == "嘉定草稿康复医院"  # the fields keep every value
    draft = json.loads(form.draft_path.read_text(encoding="utf-8"))
    assert draft["name"] == "嘉定草稿康复医院" and draft["beds"] == "600"
    assert store.counts()["hospital"] == before

    monkeypatch.undo()  # the disk has room again: the same form saves, the draft goes
    assert form.save() is not None
    assert not form.draft_path.exists() and store.counts()["hospital"] == before + 1


def test_a_fault_keeps_the_draft_and_is_not_hidden(
    store: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = _filled(store, settings)

    def broken(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("a fault in the workbench")

    monkeypatch.setattr(base, "save", broken)
    with pytest.raises(RuntimeError):
        form.save()
    assert json.loads(form.draft_path.read_text(encoding="utf-8"))["name"] == "嘉定草稿康复医院"
