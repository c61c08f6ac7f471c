"""The trial monitor: one data cut of the clinical trial at a time, and what changed since.

One cut at a time, and what changed since the cut before it. Enrolment by site, best overall
response by arm, Kaplan–Meier curves, adverse events and each site's reporting timeliness, in
Chinese or English, offline.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from workbench import charts
from workbench.analysis import trials as tr
from workbench.config import Settings
from workbench.cuts import Cut, cut, list_cuts
from workbench.db.engine import Database, connect
from workbench.errors import AnalysisError
from workbench.i18n import text
from workbench.widgets import language_switch

__all__ = ["Monitor", "build", "changes"]


def changes(before: tr.Trial | None, now: tr.Trial) -> dict[str, int]:
    """What the later cut holds that the earlier did not.

    Subjects, reports (assessments and adverse events received), responders, and overdue
    assessments (a difference). Without an earlier cut, the later cut's own counts.
    """
    if before is None:
        return {"subjects": len(now.subjects), "reports": len(now.submissions),
                "responders": int(now.bor["responder"].sum()),
                "overdue": int(tr.timeliness(now).table["overdue"].sum())}  # fmt: skip
    return {
        "subjects": len(now.subjects) - len(before.subjects),
        "reports": len(now.submissions) - len(before.submissions),
        "responders": int(now.bor["responder"].sum() - before.bor["responder"].sum()),
        "overdue": int(
            tr.timeliness(now).table["overdue"].sum()
            - tr.timeliness(before).table["overdue"].sum()
        ),
    }


def _table(frame: pd.DataFrame, **formats: str) -> str:
    shown = frame.copy()
    for column, fmt in formats.items():
        if column in shown.columns:
            shown[column] = shown[column].map(lambda v, f=fmt: "" if pd.isna(v) else f.format(v))
    return str(shown.to_html(classes="workbench-table", border=0, escape=True))


class Monitor:
    """The app's state: the database, its cuts, the one shown and the one before it."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings, self.db = settings, db
        self.language = language_switch(settings.lang)
        self.picker = widgets.Dropdown(options=[], layout=widgets.Layout(width="320px"))
        self.new_cut = widgets.Button(button_style="primary", icon="camera")
        self.header = widgets.HTML()
        self.summary = widgets.HTML()
        self.chart_box = widgets.Box()
        self.tables = widgets.HTML()
        self.new_cut.on_click(lambda _b: self.take_cut())
        self.picker.observe(lambda _c: self.show(), "value")
        self.language.observe(lambda _c: self.show(), "value")
        self.widget = widgets.VBox(
            [
                self.language,
                widgets.HBox([self.picker, self.new_cut]),
                self.header,
                self.summary,
                self.chart_box,
                self.tables,
            ],
            layout=widgets.Layout(max_width="1000px"),
        )
        self._trials: dict[str, tr.Trial] = {}
        self.refresh()
        if not self.cuts:
            self.take_cut()

    @property
    def lang(self) -> str:
        """The language shown, from the language switch."""
        return str(self.language.value)

    @property
    def cuts(self) -> list[Cut]:
        """The data cuts on disk, oldest first."""
        return list_cuts(settings=self.settings, of=self.db)

    def refresh(self, select: str | None = None) -> None:
        """Reload the list of cuts, select ``select`` (default: the latest) and show it."""
        found = self.cuts
        self.picker.options = [(c.label, c.id) for c in reversed(found)]
        if found:
            self.picker.value = select or found[-1].id
        self.show()

    def take_cut(self) -> Cut:
        """A new cut of the database, shown at once."""
        made = cut(self.db, settings=self.settings)
        self.refresh(select=made.id)
        return made

    def trial(self, cut_id: str) -> tr.Trial:
        """The trial as derived from cut ``cut_id``, derived once and kept."""
        if cut_id not in self._trials:
            match = next(c for c in self.cuts if c.id == cut_id)
            self._trials[cut_id] = tr.trial(match)
        return self._trials[cut_id]

    def previous(self, cut_id: str) -> tr.Trial | None:
        """The trial at the cut before ``cut_id``, or ``None`` for the first cut."""
        ids = [c.id for c in self.cuts]
        at = ids.index(cut_id)
        return self.trial(ids[at - 1]) if at > 0 else None

    def show(self) -> None:
        """Draw the selected cut: header, changes, PFS curves and the tables."""
        lang = self.lang
        self.new_cut.description = text("trial.new_cut", lang)
        self.picker.description = text("trial.cut", lang)
        if self.picker.value is None:
            self.header.value = f"<p>{text('trial.no_cut', lang)}</p>"
            return
        try:
            now = self.trial(self.picker.value)
        except AnalysisError as exc:
            self.header.value = f"<p>{html.escape(str(exc))}</p>"
            return
        shown = next((c for c in self.cuts if c.id == self.picker.value), None)
        where = text("trial.from", lang, database=shown.source) if shown is not None else ""
        self.header.value = (
            f"<h2>{text('trial.title', lang)}: {html.escape(now.code)}</h2>"
            f"<p>{html.escape(now.title)}<br>{text('trial.cutoff', lang, cutoff=now.cutoff)}"
            f" · {html.escape(now.source)} · {html.escape(where)}</p>"
        )
        delta = changes(self.previous(self.picker.value), now)
        items = "".join(
            f"<li>{text('trial.delta.' + k, lang)}: <b>{v:+d}</b></li>" for k, v in delta.items()
        )
        self.summary.value = f"<h3>{text('trial.changed', lang)}</h3><ul>{items}</ul>"
        pfs = tr.survival_table(now, "PFS")
        curve = charts.km_chart(pfs.curves, param="PFS", source=pfs.source, summary=pfs.summary)
        self.chart_box.children = [charts.widget(curve)]
        response = tr.response_table(now)
        shown = response.table[["n", "CR", "PR", "SD", "PD", "NE", "pending", "orr", "orr_lower",
                                "orr_upper"]]  # fmt: skip
        ae = tr.ae_table(now)
        timely = tr.timeliness(now)
        arms = [str(code) for code in now.arms["code"]]
        sections = [
            ("trial.enrolment",
             _table(tr.enrolment(now).table[["hospital", "subjects", *arms]]), ""),
            ("trial.response",
             _table(shown, orr="{:.1%}", orr_lower="{:.1%}", orr_upper="{:.1%}"),
             response.note),
            ("trial.adverse",
             _table(ae.table[ae.table["preferred_term"] != ""].head(12),
                    **{f"{arm} %": "{:.1f}" for arm in arms}),
             ae.note),
            ("trial.timeliness",
             _table(timely.table[["hospital", "reports", "median_days", "p90_days",
                                  "within_target", "overdue"]],
                    within_target="{:.0%}", p90_days="{:.0f}"),
             timely.note),
        ]  # fmt: skip
        self.tables.value = "".join(
            f"<h3>{text(key, lang)}</h3>{body}<p><small>{html.escape(note)}</small></p>"
            for key, body, note in sections
        )


def build(settings: Settings, *, db: Database | None = None) -> widgets.VBox:
    """The trial monitor widget over the configured database and its cuts."""
    monitor = Monitor(settings, db if db is not None else connect(settings=settings))
    monitor.widget.monitor = monitor
    return monitor.widget
