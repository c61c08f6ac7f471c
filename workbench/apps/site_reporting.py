"""Trial site reporting: a site's staff report responses and adverse events, and see their own.

Site staff pick their site, then report a response assessment or an adverse event through
the workbench's entry forms (the site fixed, the subjects narrowed to the site's), and see
the site's reports and its overdue assessments read live from the database: a report saved
here is listed at once. Chinese or English, one switch for the page and its forms, offline.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import pandas as pd

from workbench import trial_sites
from workbench.analysis.trials import ASSESSMENT_EVERY_DAYS
from workbench.config import Settings
from workbench.db.engine import Database, connect
from workbench.entry.trials import RESPONSES
from workbench.forms import EntryForm, adverse_event_form, assessment_form
from workbench.i18n import coded, text
from workbench.widgets import language_switch

__all__ = ["REPORTS_SHOWN", "SiteReporting", "build"]

#: How many of a site's latest reports "our reports" lists.
REPORTS_SHOWN = 100

_OVERDUE, _DUE = "#f8d7da", "#fff3cd"
_STYLE = (
    "<style>.wb-site-table { border-collapse: collapse; }"
    " .wb-site-table :is(th, td) { padding: 3px 8px; border-bottom: 1px solid #ddd;"
    " text-align: left; }</style>"
)
_TABS = ("assessment", "adverse_event", "reports", "overdue")


def _today() -> dt.date:
    """Today, never before the UTC day that reports are stamped with when received."""
    return max(dt.date.today(), dt.datetime.now(dt.UTC).date())


def _set_options(dropdown: widgets.Dropdown, options: Sequence[tuple[str, Any]]) -> None:
    """Relabel a dropdown's choices, keeping what was chosen if it is still a choice."""
    options = list(options)
    if list(dropdown.options) == options:
        return
    keep = dropdown.value
    dropdown.options = options
    if keep in [value for _label, value in options]:
        dropdown.value = keep


def _table(heads: Sequence[str], rows: Sequence[tuple[str, Sequence[object]]]) -> str:
    """An HTML table: escaped headings, and rows of (row style, escaped cells)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in heads)
    body = "".join(
        f"<tr{style}>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>"
        for style, cells in rows
    )
    return f"<table class='wb-site-table'><tr>{head}</tr>{body}</table>"


def _day(value: object) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


class SiteReporting:
    """The app's state: the site picked, its two entry forms, and its live lists.

    Parameters
    ----------
    settings
        The language shown first, and where the forms keep their drafts.
    db
        The database reports are written to and read from.
    today
        The day overdue assessments are counted at; the real today by default.
    """

    def __init__(self, settings: Settings, db: Database, *, today: dt.date | None = None):
        self.settings, self.db, self.today = settings, db, today
        self.language = language_switch(settings.lang)
        self.sites = trial_sites.list_sites(db)
        self.site = widgets.Dropdown(
            options=[("—", None)], value=None, layout=widgets.Layout(width="460px")
        )
        self.header = widgets.HTML()
        self.forms: dict[str, EntryForm] = {
            "assessment": assessment_form(
                db, language=self.language, settings=settings, actor="site"
            ),
            "adverse_event": adverse_event_form(
                db, language=self.language, settings=settings, actor="site"
            ),
        }
        self.reports = widgets.HTML()
        self.overdue = widgets.HTML()
        self.tabs = widgets.Tab(
            children=[
                self.forms["assessment"].widget,
                self.forms["adverse_event"].widget,
                self.reports,
                self.overdue,
            ]
        )
        for form in self.forms.values():
            form.on_saved(lambda _id: self.refresh())
            form.fields["site_id"].observe(lambda _c: self._fix_site(), "value")
        self._relabelling = False
        self.site.observe(self._picked, "value")
        self.language.observe(lambda _c: self.show(), "value")
        self.widget = widgets.VBox(
            [self.language, self.site, self.header, self.tabs],
            layout=widgets.Layout(max_width="1000px"),
        )
        self.schedule = pd.DataFrame()
        self.listed = pd.DataFrame()
        self.pick()

    @property
    def lang(self) -> str:
        """The language shown, from the language switch."""
        return str(self.language.value)

    @property
    def site_id(self) -> int | None:
        """The site picked, or ``None``."""
        return None if self.site.value is None else int(self.site.value)

    @property
    def day(self) -> dt.date:
        """The day overdue assessments are counted at."""
        return self.today if self.today is not None else _today()

    def _site_label(self, site_id: int, lang: str) -> str:
        row = self.sites[self.sites["site_id"] == site_id].iloc[0]
        return f"{row['code']} {row['hospital_en' if lang == 'en' else 'hospital']}"

    def _fix_site(self) -> None:
        """Keep each form's site on the site picked (a cleared form gets it back)."""
        for form in self.forms.values():
            field = form.fields["site_id"]
            field.disabled = True
            if self.site_id is None:
                _set_options(field, [("—", None)])
                continue
            _set_options(field, [(self._site_label(self.site_id, self.lang), self.site_id)])
            if field.value != self.site_id:
                field.value = self.site_id  # the form narrows its subjects to the site's

    def _picked(self, _change: object) -> None:
        if not self._relabelling:  # not the same site, named in the other language
            self.pick()

    def pick(self) -> None:
        """Fix both forms on the site picked, then read its lists and show them."""
        self._fix_site()
        self.tabs.layout.display = "none" if self.site_id is None else ""
        self.refresh()

    def refresh(self) -> None:
        """Read the site's reports and schedule from the database again, and show them."""
        if self.site_id is None:
            self.schedule, self.listed = pd.DataFrame(), pd.DataFrame()
        else:
            self.schedule = trial_sites.assessment_schedule(self.db, self.site_id, today=self.day)
            self.listed = trial_sites.site_reports(self.db, self.site_id)
        self.show()

    # --- display -------------------------------------------------------------------------

    def show(self) -> None:
        """Label everything in the chosen language and draw the site's lists."""
        lang = self.lang
        self.site.description = text("sites.site", lang)
        self._relabelling = True
        try:
            _set_options(
                self.site,
                [("—", None)]
                + [(self._site_label(int(i), lang), int(i)) for i in self.sites["site_id"]],
            )
        finally:
            self._relabelling = False
        self.tabs.titles = tuple(text(f"sites.tab.{tab}", lang) for tab in _TABS)
        self._relabel_forms(lang)
        if self.site_id is None:
            self.header.value = (
                f"<h2>{html.escape(text('sites.title', lang))}</h2>"
                f"<p>{html.escape(text('sites.intro', lang))}</p>"
                f"<p><b>{html.escape(text('sites.pick', lang))}</b></p>"
            )
            self.reports.value = self.overdue.value = ""
            return
        row = self.sites[self.sites["site_id"] == self.site_id].iloc[0]
        late = self.schedule[self.schedule["overdue"]]
        facts = text(
            "sites.header", lang, study=row["study"], site=row["code"],
            hospital=row["hospital_en" if lang == "en" else "hospital"],
            subjects=len(self.forms["assessment"].fields["subject_id"].options) - 1,
            today=self.day.isoformat(),
        )  # fmt: skip
        summary = text("sites.summary", lang, reports=len(self.listed), overdue=len(late))
        self.header.value = (
            f"<h2>{html.escape(text('sites.title', lang))}</h2>"
            f"<p>{html.escape(facts)}<br>{html.escape(summary)}</p>"
        )
        self.reports.value = _STYLE + self._reports_html(lang)
        self.overdue.value = _STYLE + self._overdue_html(lang)

    def _relabel_forms(self, lang: str) -> None:
        """What the forms cannot say in the page's language by themselves."""
        self._fix_site()
        _set_options(
            self.forms["assessment"].fields["overall"],
            [("—", None), *[(coded("overall", r, lang), r) for r in RESPONSES]],
        )
        self.forms["adverse_event"].fields["verbatim"].placeholder = text(
            "sites.verbatim_example", lang
        )

    def _reports_html(self, lang: str) -> str:
        if self.listed.empty:
            return f"<p>{html.escape(text('sites.reports.none', lang))}</p>"
        shown = self.listed.head(REPORTS_SHOWN)
        heads = [
            text(f"sites.col.{c}", lang)
            for c in ("received", "subject", "kind", "visit", "date", "result", "version")
        ]
        rows = [
            (
                "",
                (
                    f"{r.received_at:%Y-%m-%d %H:%M}",
                    r.subject,
                    coded("report_kind", r.kind, lang),
                    "" if pd.isna(r.visit) else int(r.visit),
                    _day(r.event_on),
                    self._result(r, lang),
                    r.version,
                ),
            )
            for r in shown.itertuples()
        ]
        note = text("sites.reports.shown", lang, shown=len(shown), total=len(self.listed))
        return f"<p><small>{html.escape(note)}</small></p>" + _table(heads, rows)

    @staticmethod
    def _result(r: Any, lang: str) -> str:
        """An assessment's response, or an adverse event's term and grade."""
        if r.kind == "assessment":
            return coded("overall", r.overall, lang)
        term = r.preferred_term if lang == "en" else f"{r.verbatim}（{r.preferred_term}）"
        serious = text("sites.serious", lang) if r.serious else ""
        return text("sites.ae", lang, term=term, grade=r.grade, serious=serious)

    def _overdue_html(self, lang: str) -> str:
        target = int(self.schedule["target_days"].iloc[0]) if len(self.schedule) else 0
        rule = text("sites.overdue.rule", lang, every=ASSESSMENT_EVERY_DAYS, target=target)
        late = self.schedule[self.schedule["overdue"]]
        lead = "" if len(late) else f"<p><b>{html.escape(text('sites.overdue.none', lang))}</b></p>"
        heads = [
            text(f"sites.col.{c}", lang)
            for c in ("subject", "next_visit", "since", "due", "late", "action")
        ]
        rows = []
        for r in self.schedule.itertuples():
            if r.overdue:
                style, action = (
                    f" style='background:{_OVERDUE}'",
                    text("sites.overdue.action", lang, visit=r.next_visit),
                )
            elif r.days_late >= 0:
                style = f" style='background:{_DUE}'"
                action = text("sites.overdue.grace", lang, left=r.target_days - r.days_late)
            else:
                style, action = "", text("sites.overdue.due", lang)
            rows.append((style, (r.subject, r.next_visit, _day(r.since), _day(r.due_on),
                                 max(r.days_late, 0), action)))  # fmt: skip
        return lead + f"<p><small>{html.escape(rule)}</small></p>" + _table(heads, rows)


def build(settings: Settings, *, db: Database | None = None) -> widgets.VBox:
    """The site reporting widget over the configured database, in ``settings.lang``."""
    app = SiteReporting(settings, db if db is not None else connect(settings=settings))
    app.widget.app = app
    return app.widget
