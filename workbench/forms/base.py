"""The entry form: fields, a problem list, save and "save anyway", a zh/en switch, drafts."""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from workbench.config import Settings
from workbench.db.engine import Database
from workbench.entry import Problem, save, validate
from workbench.entry.problems import label
from workbench.errors import InvalidEntry, Unsupported, WorkbenchError
from workbench.forms.pickers import CustomerPicker, own_entries
from workbench.i18n import coded, text
from workbench.widgets import language_switch

__all__ = ["EntryForm", "relabel"]

log = logging.getLogger(__name__)

Collect = Callable[[], dict[str, Any]]
Load = Callable[[int], dict[str, Any]]


class EntryForm:
    """A form for one entry kind.

    ``fields`` are the widgets by data key; ``picker`` (if any) supplies the ``*_id`` keys;
    ``extra`` collects keys the plain widgets cannot (e.g. products with key messages).
    After a successful save ``saved_id`` holds the new row's id and the form is cleared;
    after a failed one the values stay and the draft is written to
    ``<data_dir>/drafts/<kind>.json``.

    With ``load`` (a function from a record's id to its values) the form can also correct
    a saved record: ``edit(id)`` fills the form from the record, and the next save writes
    to that record instead of adding one. The "my earlier entries" dropdown (``mine``) lists
    the records ``actor`` entered or corrected, read from the database each time (so it still
    holds them after a kernel restart), and choosing one opens it; after a save, the
    "correct" button opens the record just saved.

    Parameters
    ----------
    db
        The database entries are saved to.
    kind
        The entry kind (``"hospital"``, ``"call"`` …), as :mod:`workbench.entry` names it.
    fields
        The input widgets, by data key.
    picker
        A :class:`CustomerPicker` that supplies the ``*_id`` keys.
    extra
        A function returning the keys the plain widgets cannot hold.
    extra_widgets
        Widgets shown under the fields (those ``extra`` reads).
    lang
        ``"zh"`` or ``"en"``, the form's language at first.
    actor
        Who the saved rows are recorded as entered by.
    settings
        Where the data folder (for drafts) comes from.
    load
        A function from a record's id to its values, to correct saved records.
    language
        A page's language switch for the form to follow instead of showing its own, so a
        page that holds forms has one switch (``lang`` is then ignored).
    """

    def __init__(
        self,
        db: Database,
        kind: str,
        fields: Mapping[str, widgets.ValueWidget],
        *,
        picker: CustomerPicker | None = None,
        extra: Collect | None = None,
        extra_widgets: list[widgets.Widget] | None = None,
        lang: str = "zh",
        actor: str = "form",
        settings: Settings | None = None,
        load: Load | None = None,
        language: widgets.ToggleButtons | None = None,
    ) -> None:
        self.db, self.kind, self.actor = db, kind, actor
        self.fields = dict(fields)
        self.picker = picker
        self.extra = extra
        self.settings = settings if settings is not None else Settings()
        self.saved_id: int | None = None
        self.editing: int | None = None
        self._editing_name = ""
        self._load = load
        self.last_problems: list[Problem] = []
        self._saved_callbacks: list[Callable[[int], None]] = []
        self.language = language if language is not None else language_switch(lang)
        self.title = widgets.HTML()
        self.problems = widgets.HTML()
        self.status = widgets.HTML()
        self.save_button = widgets.Button(button_style="primary")
        self.anyway_button = widgets.Button(button_style="warning", layout={"display": "none"})
        self.restore_button = widgets.Button(
            button_style="info", layout={"display": "" if self.draft_path.exists() else "none"}
        )
        self.restore_button.on_click(lambda _b: self.restore_draft())
        self.edit_button = widgets.Button(layout={"display": "none"})
        self.mine = widgets.Dropdown(options=[("—", None)], value=None)
        self._quiet = False
        self.mine.observe(lambda change: self._open_mine(change.new), "value")
        self.new_button = widgets.Button(layout={"display": "none"})
        self.save_button.on_click(lambda _b: self.save())
        self.anyway_button.on_click(lambda _b: self.save(accept_warnings=True))
        self.edit_button.on_click(lambda _b: self.saved_id is not None and self.edit(self.saved_id))
        self.new_button.on_click(lambda _b: self.new())
        self.language.observe(lambda _c: self._relabel(), "value")
        parts: list[widgets.Widget] = [self.title, self.restore_button]
        if load is not None:
            parts.append(self.mine)
        if language is None:
            parts.insert(0, self.language)
        if picker is not None:
            parts.append(picker.widget)
        parts.extend(self.fields.values())
        self.extra_widgets = list(extra_widgets or [])
        parts.extend(self.extra_widgets)
        parts += [
            widgets.HBox([self.save_button, self.anyway_button, self.edit_button, self.new_button]),
            self.problems,
            self.status,
        ]
        self.widget = widgets.VBox(parts, layout=widgets.Layout(max_width="720px"))
        self._blank = {key: widget.value for key, widget in self.fields.items()}
        self.refresh_mine()
        self._relabel()

    @property
    def lang(self) -> str:
        """The language shown, from the language switch."""
        return str(self.language.value)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)  # type: ignore[no-untyped-call]

    def on_saved(self, callback: Callable[[int], None]) -> None:
        """Call ``callback(saved_id)`` after each successful save (not after a refused one)."""
        self._saved_callbacks.append(callback)

    def data(self) -> dict[str, Any]:
        """What the form holds now, keyed like the export's columns."""
        values: dict[str, Any] = {}
        if self.picker is not None:
            values.update(self.picker.value)
        for key, widget in self.fields.items():
            values[key] = widget.value
        if self.extra is not None:
            values.update(self.extra())
        if self.editing is not None:
            values[f"{self.kind}_id"] = self.editing
        return values

    def edit(self, record_id: int) -> None:
        """Fill the form from a saved record; the next save corrects that record.

        Raises
        ------
        Unsupported
            The form was made without ``load``, so it cannot correct saved records.
        """
        if self._load is None:
            raise Unsupported(key="error.form.no_correct", kind=self.kind)
        values = self._load(record_id)
        if self.picker is not None:
            self.picker.select(**{k: v for k, v in values.items() if k in self.picker.value})
        for key, widget in self.fields.items():
            if key in values:
                widget.value = values[key]
        self.editing = record_id
        self._editing_name = str(values.get("name") or "")
        self.last_problems = []
        self.status.value = ""
        self.refresh_mine()
        self._relabel()

    def refresh_mine(self) -> None:
        """Read again which records ``actor`` saved, for the "my earlier entries" list."""
        if self._load is None:
            return
        options = [("—", None), *own_entries(self.db, self.kind, actor=self.actor)]
        self._quiet = True
        try:
            self.mine.options = options
            ids = [value for _label, value in options]
            self.mine.value = self.editing if self.editing in ids else None
        finally:
            self._quiet = False

    def _open_mine(self, record_id: int | None) -> None:
        if not self._quiet and record_id is not None and record_id != self.editing:
            self.edit(record_id)

    def clear(self) -> None:
        """Back to a blank form: the fields as they first were, no record saved or open."""
        if self.picker is not None:
            self.picker.clear()
        for key, widget in self.fields.items():
            widget.value = self._blank[key]
        self.saved_id = None
        self.editing = None
        self.last_problems = []
        self.status.value = ""
        self.problems.value = ""
        self.edit_button.layout.display = "none"
        self.refresh_mine()
        self._relabel()

    def new(self) -> None:
        """Back to entering a new record (the values stay as a starting point)."""
        self.editing = None
        self.refresh_mine()
        self._relabel()

    def check(self) -> list[Problem]:
        """Validate without writing, and show the problems."""
        self.last_problems = validate(self.db, self.kind, self.data())
        self._show()
        return self.last_problems

    def save(self, *, accept_warnings: bool = False) -> int | None:
        """Save; on problems show them, keep the values and write the draft.

        Returns the saved row's id, or ``None`` when the entry had problems (they are in
        ``last_problems`` and on screen; nothing was written).
        """
        data = self.data()
        try:
            self.saved_id = save(
                self.db, self.kind, data, actor=self.actor, accept_warnings=accept_warnings
            )
        except InvalidEntry as exc:
            self.saved_id = None
            self.last_problems = list(exc.problems)
            self._keep_draft(data)
            self._show()
            return None
        except WorkbenchError as exc:  # the store refused it: say why, keep what was typed
            self.saved_id, self.last_problems = None, []
            self._keep_draft(data)
            self._show()
            said = f"{exc.message(self.lang)} {text('form.draft_kept', self.lang)}"
            self.problems.value = (
                f"<ul class='workbench-problems'><li style='color:#b00020'>"
                f"{html.escape(said)}</li></ul>"
            )
            return None
        except BaseException:  # whatever went wrong, what was typed is kept
            self._keep_draft(data)
            raise
        self.last_problems = []
        self.discard_draft()
        self._show_saved()
        self.problems.value = ""
        self.anyway_button.layout.display = "none"
        if self._load is not None:
            self.edit_button.layout.display = ""
            self.refresh_mine()
        for callback in self._saved_callbacks:
            callback(self.saved_id)
        return self.saved_id

    # --- display -----------------------------------------------------------------------

    def _relabel(self) -> None:
        lang = self.lang
        what = text(f"noun.{self.kind}", lang)
        if self.editing is None:
            title = text(f"form.{self.kind}", lang)
        elif self._editing_name:
            title = text(
                "form.editing_named", lang, what=what, name=self._editing_name, id=self.editing
            )
        else:
            title = text("form.editing", lang, what=what, id=self.editing)
        self.title.value = f"<h3>{html.escape(title)}</h3>"
        self.mine.description = text("form.mine", lang)
        self.mine.style = {"description_width": "150px"}
        self.edit_button.description = text("form.correct", lang)
        self.restore_button.description = text("form.restore", lang)
        self.new_button.description = text("form.new", lang)
        self.new_button.layout.display = "none" if self.editing is None else ""
        for key, widget in self.fields.items():
            widget.description = label(key, lang)
            widget.style = {"description_width": "150px"}
            relabel(widget, lang)
        for widget in self.extra_widgets:
            relabel(widget, lang)
        if self.picker is not None:
            self.picker.relabel(lang)
        self.save_button.description = text("form.save", lang)
        self.anyway_button.description = text("form.save_anyway", lang)
        self._show()

    def _show_saved(self) -> None:
        if self.saved_id is not None:
            message = text("form.saved", self.lang, id=self.saved_id)
            self.status.value = f"<p style='color:#1e7e34'>{message}</p>"

    def _show(self) -> None:
        lang = self.lang
        if not self.last_problems:
            self.problems.value = ""
            self.anyway_button.layout.display = "none"
            if self.status.value:
                self._show_saved()
            return
        items = "".join(
            f"<li style='color:{'#b35900' if p.severity == 'warning' else '#b00020'}'>"
            f"<b>{html.escape(label(p.field, lang))}</b>: {html.escape(p.message(lang))}</li>"
            for p in self.last_problems
        )
        self.problems.value = f"<ul class='workbench-problems'>{items}</ul>"
        only_warnings = all(p.severity == "warning" for p in self.last_problems)
        self.anyway_button.layout.display = "" if only_warnings else "none"
        self.status.value = ""

    # --- drafts -------------------------------------------------------------------------

    @property
    def draft_path(self) -> Path:
        """Where the unsaved draft is kept: ``<data_dir>/drafts/<kind>.json``."""
        return self.settings.data_dir / "drafts" / f"{self.kind}.json"

    def _keep_draft(self, data: Mapping[str, Any]) -> None:
        """Write the draft (offered back when the form next opens); the fields keep the values."""
        said = json.dumps(data, ensure_ascii=False, default=_jsonable, indent=1)
        try:
            self.draft_path.parent.mkdir(parents=True, exist_ok=True)
            self.draft_path.write_text(said, encoding="utf-8")
        except OSError:  # a full disk, say: the fields still hold every value
            log.warning("the draft of %s could not be written to %s", self.kind, self.draft_path)
            return

    def discard_draft(self) -> None:
        """Forget the unsaved draft, if there is one."""
        self.draft_path.unlink(missing_ok=True)
        self.restore_button.layout.display = "none"

    def restore_draft(self) -> dict[str, Any]:
        """Put the last unsaved draft back into the fields; returns what it held."""
        draft: dict[str, Any] = json.loads(self.draft_path.read_text(encoding="utf-8"))
        if self.picker is not None:
            self.picker.select(**{k: v for k, v in draft.items() if k in self.picker.value and v})
        for key, widget in self.fields.items():
            if key not in draft:
                continue
            value = draft[key]
            if isinstance(widget, widgets.DatePicker) and isinstance(value, str):
                value = dt.date.fromisoformat(value)
            options = getattr(widget, "options", None)
            if options is not None and value not in [
                o[1] if isinstance(o, tuple) else o for o in options
            ]:
                continue
            widget.value = value
        self.restore_button.layout.display = "none"
        return draft


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def relabel(widget: widgets.Widget, lang: str) -> None:
    """Show ``widget`` and its children in ``lang``, keeping what is chosen.

    A widget says how it reads in each language by what it carries: ``coded = (field,
    codes)``, a choice of stored codes shown by their labels; ``named = [(zh, en, value)]``, a
    choice of things named in both languages (a rep's name and pinyin); ``placeholders`` or
    ``descriptions``, ``{"zh": ..., "en": ...}``. Other widgets are left as they are.
    """
    coding = getattr(widget, "coded", None)
    named = getattr(widget, "named", None)
    if coding is not None or named is not None:
        if coding is not None:
            field, codes = coding
            options = [(coded(field, code, lang), code) for code in codes]
        else:
            options = [(zh if lang == "zh" else en, value) for zh, en, value in named or ()]
        chosen = widget.value
        widget.options = [("—", None), *options]
        widget.value = chosen
    for attribute in ("placeholder", "description"):
        words = getattr(widget, f"{attribute}s", None)
        if isinstance(words, dict):
            setattr(widget, attribute, words[lang])
    for child in getattr(widget, "children", ()) or ():
        relabel(child, lang)
