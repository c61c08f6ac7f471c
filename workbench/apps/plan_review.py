"""The Monday plan review: a region's weekly plans, their flags, and the manager's decisions.

Pick a region and a week: each rep's plan with its status (draft, submitted, approved,
returned, missing), and the flags a manager looks for on Monday (see :mod:`workbench.weekly`).
Approve a submitted plan, or return it with a comment; the decision goes through the entry
layer (validated, audited with who and when), and the rep sees it in their plan form.
Read live from the database, in Chinese or English.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable

import ipywidgets as widgets
import pandas as pd
from sqlalchemy import true

from workbench import entry
from workbench.config import Settings
from workbench.db.engine import Database, connect
from workbench.db.models import Rep, RepRole
from workbench.entry.problems import Problem, label
from workbench.errors import InvalidEntry, NotPermitted
from workbench.i18n import coded, text
from workbench.weekly import WeekReview, regions, review_week, weeks
from workbench.widgets import language_switch

__all__ = ["PlanReview", "build"]

#: how a row that needs the manager looks: a plan to decide, a rep with flags
_TO_DECIDE, _FLAGGED = "#fff4d6", "#fdecea"


def _person(name: str, pinyin: str, lang: str) -> str:
    return name if lang == "zh" else pinyin


def _table(header: list[str], rows: Iterable[tuple[list[str], str]], css: str) -> str:
    """An HTML table; each row is its cells (already escaped) and its background."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)

    def cell(value: str) -> str:  # counts line up on the right
        return (
            f"<td style='text-align:right'>{value}</td>" if value.isdigit() else f"<td>{value}</td>"
        )

    body = "".join(
        (f"<tr style='background:{colour}'>" if colour else "<tr>")
        + "".join(cell(c) for c in cells)
        + "</tr>"
        for cells, colour in rows
    )
    return (
        f"<table class='workbench-table {css}'><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _when(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    return str(pd.Timestamp(value).strftime("%m-%d %H:%M"))


class PlanReview:
    """The app's state: the database, the region and week shown, and the review of that week."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings, self.db = settings, db
        self.regions = regions(db)  # the viewer's: a manager's own region only
        self._manager = db.scope.viewer.role == "manager"  # who decides as themselves
        self.language = language_switch(settings.lang)
        self.region = widgets.Dropdown(layout=widgets.Layout(width="260px"))
        self.week = widgets.Dropdown(layout=widgets.Layout(width="260px"))
        self.reviewer = widgets.Dropdown(layout=widgets.Layout(width="320px"))
        self.header = widgets.HTML()
        self.plans = widgets.HTML()
        self.flags = widgets.HTML()
        self.decide_title = widgets.HTML()
        self.plan = widgets.Dropdown(layout=widgets.Layout(width="420px"))
        self.comment = widgets.Textarea(layout=widgets.Layout(width="560px", height="70px"))
        self.approve = widgets.Button(button_style="success", icon="check")
        self.send_back = widgets.Button(button_style="warning", icon="undo")
        self.outcome = widgets.HTML()
        self.review: WeekReview | None = None
        self._problems: list[Problem] = []
        self._decided: tuple[str, str, str] | None = None
        self.approve.on_click(lambda _b: self.decide("approved"))
        self.send_back.on_click(lambda _b: self.decide("returned"))
        self.language.observe(lambda _c: self.relabel(), "value")
        self.region.observe(lambda _c: self._region_changed(), "value")
        self.week.observe(lambda _c: self.show(), "value")
        self.widget = widgets.VBox(
            [
                self.language,
                widgets.HBox([self.region, self.week, self.reviewer]),
                self.header,
                self.plans,
                self.flags,
                self.decide_title,
                self.plan,
                self.comment,
                widgets.HBox([self.approve, self.send_back]),
                self.outcome,
            ],
            layout=widgets.Layout(max_width="1100px"),
        )
        self._fill_regions()

    @property
    def lang(self) -> str:
        """The language shown, from the language switch."""
        return str(self.language.value)

    # --- choices --------------------------------------------------------------------------

    def _fill_regions(self) -> None:
        column = "name" if self.lang == "zh" else "name_en"
        current = self.region.value
        self.region.options = [
            (str(getattr(r, column)), int(r.region_id)) for r in self.regions.itertuples()
        ]
        if current is not None:
            self.region.value = current
        elif len(self.regions):
            self.region.value = self._busiest_region()

    def _busiest_region(self) -> int:
        """The region with the latest plans (ties: the lowest id): where Monday starts."""
        latest = {int(r): weeks(self.db, int(r)) for r in self.regions["region_id"]}
        never = dt.date.min
        return max(latest, key=lambda r: (latest[r][0] if latest[r] else never, -r))

    def _region_changed(self) -> None:
        region = self.region.value
        found = weeks(self.db, region) if region is not None else []
        self.week.options = [(w.isoformat(), w) for w in found]
        self.week.value = found[0] if found else None
        self._fill_reviewers()
        self.show()

    def _fill_reviewers(self) -> None:
        with self.db.session() as session:
            managers = (
                session.query(Rep.rep_id, Rep.name, Rep.name_pinyin, Rep.employee_id)
                .filter(Rep.region_id == self.region.value, Rep.role == RepRole.MANAGER.value)
                .filter(Rep.rep_id == self.db.scope.rep_id if self._manager else true())
                .order_by(Rep.rep_id)
                .all()
            )
        current = self.reviewer.value
        self.reviewer.options = [
            (_person(name, pinyin, self.lang) + (f" ({eid})" if eid else ""), rep_id)
            for rep_id, name, pinyin, eid in managers
        ]
        ids = [m[0] for m in managers]
        self.reviewer.value = current if current in ids else (ids[0] if ids else None)
        self._actors = {m[0]: f"{m[1]} ({m[3] or m[0]})" for m in managers}

    # --- showing --------------------------------------------------------------------------

    def relabel(self) -> None:
        """Everything in the language now chosen."""
        self._fill_regions()
        self._fill_reviewers()
        self.show()

    def show(self) -> None:
        """Read the week again and draw it."""
        lang = self.lang
        self.region.description = text("review.region", lang)
        self.week.description = text("review.week", lang)
        self.reviewer.description = text("review.reviewer", lang)
        self.decide_title.value = f"<h3>{html.escape(text('review.decide', lang))}</h3>"
        self.plan.description = text("review.plan", lang)
        self.comment.description = text("review.comment", lang)
        self.comment.placeholder = text("review.comment_hint", lang)
        self.approve.description = text("review.approve", lang)
        self.send_back.description = text("review.return", lang)
        if self.region.value is None or self.week.value is None:
            self.review = None
            self.header.value = self.plans.value = self.flags.value = ""
            self.plan.options = []
            return
        self.review = review_week(
            self.db,
            self.region.value,
            self.week.value,
            threshold=self.settings.over_visit_threshold,
        )
        self._draw_header()
        self._draw_plans()
        self._draw_flags()
        self._draw_decisions()

    def _region_name(self) -> str:
        row = self.regions[self.regions["region_id"] == self.region.value].iloc[0]
        return str(row["name"] if self.lang == "zh" else row["name_en"])

    def _draw_header(self) -> None:
        assert self.review is not None
        lang, plans = self.lang, self.review.plans
        counts = plans["status"].value_counts()
        title = text("review.title", lang, region=self._region_name(), week=self.week.value)
        summary = text(
            "review.summary",
            lang,
            reps=len(plans),
            submitted=int(counts.get("submitted", 0)),
            approved=int(counts.get("approved", 0)),
            returned=int(counts.get("returned", 0)),
            missing=int(counts.get("missing", 0) + counts.get("draft", 0)),
            flags=len(self.review.flags),
        )
        live = text("review.live", lang, database=self.db.url, threshold=self.review.threshold)
        self.header.value = (
            f"<h2>{html.escape(title)}</h2><p>{html.escape(summary)}<br>"
            f"<small>{html.escape(live)}</small></p>"
        )

    def _draw_plans(self) -> None:
        assert self.review is not None
        lang = self.lang
        header = [text(f"review.col.{c}", lang)
                  for c in ("rep", "status", "calls", "doctors", "submitted", "reviewed",
                            "comment", "flags")]  # fmt: skip
        rows = []
        for r in self.review.plans.itertuples():
            colour = _TO_DECIDE if r.status == "submitted" else _FLAGGED if r.flags else ""
            cells = [
                html.escape(_person(r.rep, r.rep_pinyin, lang)),
                html.escape(coded("plan_status", r.status, lang)),
                str(r.calls),
                str(r.doctors),
                _when(r.submitted_at),
                _when(r.reviewed_at),
                html.escape(r.comment or "") if isinstance(r.comment, str) else "",
                str(r.flags) if r.flags else "",
            ]
            rows.append((cells, colour))
        self.plans.value = f"<h3>{html.escape(text('review.plans', lang))}</h3>" + _table(
            header, rows, "workbench-plans"
        )

    def _draw_flags(self) -> None:
        assert self.review is not None
        lang, flags = self.lang, self.review.flags
        if flags.empty:
            self.flags.value = (
                f"<h3>{html.escape(text('review.flags', lang))}</h3>"
                f"<p>{html.escape(text('review.no_flags', lang))}</p>"
            )
            return
        header = [text(f"review.col.{c}", lang) for c in ("kind", "rep", "doctor", "detail")]
        rows = []
        for f in flags.itertuples():
            values = dict(f.values)
            cells = [
                html.escape(text(f"review.flag.{f.kind}", lang)),
                html.escape(_person(f.rep, f.rep_pinyin, lang)),
                html.escape(_person(f.doctor, f.doctor_pinyin, lang)),
                html.escape(self._detail_of(f.kind, values)),
            ]
            rows.append((cells, _FLAGGED))
        self.flags.value = (
            f"<h3>{html.escape(text('review.flags', lang))} ({len(flags)})</h3>"
            + _table(header, rows, "workbench-flags")
        )

    def _detail_of(self, kind: str, values: dict[str, object]) -> str:
        lang = self.lang
        shown = dict(values)
        for key in ("others", "reps"):
            if key in shown:
                people = shown[key]
                assert isinstance(people, list)
                shown[key] = ("、" if lang == "zh" else ", ").join(
                    _person(n, p, lang) for n, p in people
                )
        if "status" in shown:
            shown["status"] = coded("plan_status", shown["status"], lang)
        return text(f"review.detail.{kind}", lang, **shown)

    def _draw_decisions(self) -> None:
        assert self.review is not None
        lang = self.lang
        waiting = self.review.plans[self.review.plans["status"] == "submitted"]
        current = self.plan.value
        self.plan.options = [
            (f"{_person(r.rep, r.rep_pinyin, lang)} · {r.calls} ({r.flags})", int(r.plan_id))
            for r in waiting.itertuples()
        ]
        ids = [int(p) for p in waiting["plan_id"]]
        self.plan.value = current if current in ids else (ids[0] if ids else None)
        disabled = not ids
        self.approve.disabled = self.send_back.disabled = disabled
        self._draw_outcome()

    def _draw_outcome(self) -> None:
        lang = self.lang
        if self._problems:
            items = "".join(
                f"<li><b>{html.escape(label(p.field, lang))}</b>: "
                f"{html.escape(p.message(lang))}</li>"
                for p in self._problems
            )
            self.outcome.value = (
                f"<ul class='workbench-problems' style='color:#b00020'>{items}</ul>"
            )
        elif self._decided is not None:
            name, pinyin, status = self._decided
            message = text(
                "review.decided", lang, rep=_person(name, pinyin, lang),
                status=coded("plan_status", status, lang),
            )  # fmt: skip
            self.outcome.value = f"<p style='color:#1e7e34'>{html.escape(message)}</p>"
        elif self.plan.value is None:
            self.outcome.value = f"<p>{html.escape(text('review.nothing_to_decide', lang))}</p>"
        else:
            self.outcome.value = ""

    # --- deciding -------------------------------------------------------------------------

    def decide(self, decision: str) -> int | None:
        """Approve or return the plan picked, with the comment typed; the plan's id, or None.

        The comment stays on screen when the decision is refused, so nothing typed is lost.
        """
        plan_id = self.plan.value
        data = {
            "plan_id": plan_id,
            "reviewer_id": self.reviewer.value,
            "decision": decision,
            "comment": self.comment.value,
        }
        actor = self._actors.get(self.reviewer.value, "manager")
        try:
            saved = entry.save(self.db, "plan_review", data, actor=actor)
        except InvalidEntry as exc:
            self._problems, self._decided = list(exc.problems), None
            self._draw_outcome()
            return None
        except NotPermitted as exc:  # a viewer who decides no plan: an analyst
            self._problems, self._decided = [], None
            message = html.escape(exc.message(self.lang))
            self.outcome.value = (
                f"<p class='workbench-problems' style='color:#b00020'>{message}</p>"
            )
            return None
        assert self.review is not None
        row = self.review.plans[self.review.plans["plan_id"] == plan_id].iloc[0]
        self._problems, self._decided = [], (row["rep"], row["rep_pinyin"], decision)
        self.comment.value = ""
        self.show()
        return saved


def build(settings: Settings, *, db: Database | None = None) -> widgets.VBox:
    """The Monday plan review over the configured database."""
    app = PlanReview(settings, db if db is not None else connect(settings=settings))
    app.widget.app = app
    return app.widget
