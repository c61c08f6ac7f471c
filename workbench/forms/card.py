"""The exercise card: an exercise's scenario, its buttons, its feedback, and its form.

The card is a screen over a :class:`~workbench.training.Practice`: every button calls the
practice (which grades through :func:`~workbench.training.grade` and keeps the attempt in
the gradebook), and the card only shows what comes back. One language switch serves the
card and the form under it.

In a module notebook::

    ex = me.exercise("02.1")
    card = exercise_card(ex)
    card                     # display: fill in the form, press Check
"""

from __future__ import annotations

import dataclasses
import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from workbench import forms
from workbench.errors import Unsupported
from workbench.forms.base import EntryForm
from workbench.i18n import text
from workbench.widgets import language_switch

if TYPE_CHECKING:  # the training harness is what calls the card: never imported for it
    from workbench.training.practice import Practice

__all__ = ["ExerciseCard", "exercise_card"]

#: What marks a hint: a glyph every CJK font draws (an emoji would be a box on some machines).
HINT_MARK = "☞"


class ExerciseCard:
    """The card of one exercise opened by a trainee, with its form below when it has one."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice
        self.language = language_switch(practice.lang)
        self.card = widgets.HTML()
        self.check_button = widgets.Button(button_style="info")
        self.submit_button = widgets.Button(button_style="success")
        self.hint_button = widgets.Button()
        self.reset_button = widgets.Button(button_style="danger")
        self.panel, self.hint_box, self.status = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.check_button.on_click(lambda _b: self.check())
        self.submit_button.on_click(lambda _b: self.submit())
        self.hint_button.on_click(lambda _b: self.hint())
        self.reset_button.on_click(lambda _b: self.reset())
        self.language.observe(lambda _c: self._show(), "value")
        buttons = widgets.HBox(
            [self.check_button, self.submit_button, self.hint_button, self.reset_button]
        )
        self.box = widgets.VBox(
            [self.language, self.card, buttons, self.panel, self.hint_box, self.status],
            layout=widgets.Layout(
                max_width="760px", border="1px solid #ccc", padding="8px", margin="8px 0"
            ),
        )
        self._form: EntryForm | None = None
        practice.on_reset(self._started_again)
        parts: list[widgets.Widget] = [self.box]
        if practice.exercise.form is not None:
            parts.append(self.form.widget)
        self.widget = widgets.VBox(parts)
        self._show()

    @property
    def lang(self) -> str:
        """The language the card (and its form) shows."""
        return str(self.language.value)

    @property
    def form(self) -> EntryForm:
        """The exercise's entry form over the sandbox; each save is checked at once.

        Raises
        ------
        Unsupported
            The exercise has no form; it is done in its notebook.
        """
        practice = self.practice
        if practice.exercise.form is None:
            raise Unsupported(key="error.exercise.no_form", exercise_id=practice.exercise.id)
        if self._form is None:
            settings = dataclasses.replace(practice.trainee.settings, data_dir=practice.drafts)
            build = getattr(forms, f"{practice.exercise.form}_form")
            form: EntryForm = build(
                practice.trainee.db, lang=self.lang, actor=practice.ctx.actor, settings=settings
            )
            form.language.layout.display = "none"  # the card's switch serves both
            if "rep_id" in form.fields:
                form.fields["rep_id"].value = practice.trainee.rep_id
            if practice.exercise.edits is not None:
                form.edit(int(practice.facts[practice.exercise.edits]))
            for button in (form.save_button, form.anyway_button):
                button.on_click(lambda _b: self._after_save())
            self.language.observe(
                lambda change: setattr(form.language, "value", change.new), "value"
            )
            self._form = form
        return self._form

    def _after_save(self) -> None:
        """Every save through the form is an attempt: grade it at once."""
        if self._form is not None and self._form.saved_id is not None:
            self.check()

    # --- the buttons -----------------------------------------------------------------------

    def check(self) -> None:
        """Run the visible checks and show the feedback."""
        self.practice.check(self.lang)
        self._show()

    def submit(self) -> None:
        """Run every check and show the score that counts."""
        self.practice.submit(self.lang)
        self._show()

    def hint(self) -> str:
        """Show the next hint (or say how many attempts unlock it)."""
        message = self.practice.hint(self.lang)
        self.hint_box.value = f"<p>{HINT_MARK} {html.escape(message)}</p>"
        return message

    def reset(self) -> str:
        """Start the exercise again: undo its entries, clear the form and the feedback."""
        message = self.practice.reset(self.lang)
        self.status.value = f"<p>{html.escape(message)}</p>"
        return message

    def _started_again(self) -> None:
        """The practice started a new round (here or in code): a blank form, no feedback."""
        if self._form is not None:
            self._form.clear()
            self._form.discard_draft()
            edits = self.practice.exercise.edits
            if edits is not None:
                self._form.edit(int(self.practice.facts[edits]))
        self.hint_box.value = ""
        self._show()

    # --- display ---------------------------------------------------------------------------

    def _show(self) -> None:
        lang, spec, last = self.lang, self.practice.exercise, self.practice.last
        self.card.value = (
            f"<h3>{html.escape(spec.id)} {html.escape(spec.title(lang))} "
            f"<small>({text('train.points', lang, points=spec.points)})</small></h3>"
            f"<p>{html.escape(self.practice.scenario(lang))}</p>"
        )
        for button, key in (
            (self.check_button, "train.check"),
            (self.submit_button, "train.submit"),
            (self.hint_button, "train.hint_button"),
            (self.reset_button, "train.reset_button"),
        ):
            button.description = text(key, lang)
        self.panel.value = (
            dataclasses.replace(last, lang=lang)._repr_html_()
            + f"<p><small>{html.escape(text('train.attempts', lang, n=self.practice.attempts))}"
            "</small></p>"
            if last
            else ""
        )
        self.status.value = ""

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)  # type: ignore[no-untyped-call]


def exercise_card(practice: Practice) -> ExerciseCard:
    """The card of an exercise a trainee opened (``me.exercise("02.1")``), ready to display."""
    return ExerciseCard(practice)
