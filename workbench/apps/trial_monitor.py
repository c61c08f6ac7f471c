"""The trial monitor: one data cut of the clinical trial at a time, and what changed since.

One cut at a time, and what changed since the cut before it. Enrolment by site, best overall
response by arm, Kaplan–Meier curves, adverse events and each site's reporting timeliness, in
Chinese or English, offline.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import ipywidgets as widgets
import pandas as pd

from workbench import charts
from workbench.analysis import trials as tr
from workbench.analysis.results import Table
from workbench.apps.key_accounts import html_table
from workbench.apps.serve import charts_from_server
from workbench.config import Settings
from workbench.cuts import Cut, cut, list_cuts
from workbench.db.engine import Database, connect
from workbench.errors import AnalysisError
from workbench.i18n import MESSAGES, text
from workbench.reference import ADVERSE_TERMS
from workbench.widgets import language_switch

__all__ = ["Derived", "Monitor", "build", "changes"]


def changes(
    before: tr.Trial | None,
    now: tr.Trial,
    *,
    timely: Callable[[tr.Trial], Table] = tr.timeliness,
) -> dict[str, int]:
    """What the later cut holds that the earlier did not.

    Subjects, reports (assessments and adverse events received), responders, and overdue
    assessments (a difference). Without an earlier cut, the later cut's own counts.
    ``timely`` gives a trial's timeliness (the monitor passes the ones it already has).
    """
    if before is None:
        return {"subjects": len(now.subjects), "reports": len(now.submissions),
                "responders": int(now.bor["responder"].sum()),
                "overdue": int(timely(now).table["overdue"].sum())}  # fmt: skip
    return {
        "subjects": len(now.subjects) - len(before.subjects),
        "reports": len(now.submissions) - len(before.submissions),
        "responders": int(now.bor["responder"].sum() - before.bor["responder"].sum()),
        "overdue": int(timely(now).table["overdue"].sum() - timely(before).table["overdue"].sum()),
    }


def _count(v: object) -> str:
    return f"{v:,.0f}"


def _days(v: object) -> str:
    return f"{v:,.1f}".removesuffix(".0")


def _pct(v: object) -> str:
    return f"{v:.1%}"


def _pct0(v: object) -> str:
    return f"{v:.0%}"


def _share(v: object) -> str:
    return f"{v:.1f}%"


@dataclass
class Derived:
    """What the monitor shows of one cut, derived once whatever the language."""

    trial: tr.Trial
    names_en: dict[str, str]
    enrolment: Table
    response: Table
    survival: tr.Survival
    adverse: Table
    timeliness: Table


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
        self.language.observe(lambda _c: self.refresh(select=self.picker.value), "value")
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
        self._derived: dict[str, Derived] = {}
        self._timeliness: dict[int, Table] = {}
        self.chart: alt.TopLevelMixin | None = None
        self._quiet = False
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
        self._quiet = True  # one drawing below, not one per change of the picker
        try:
            self.picker.options = [(self._label(c), c.id) for c in reversed(found)]
            if found:
                self.picker.value = select or found[-1].id
        finally:
            self._quiet = False
        self.show()

    def _label(self, shown: Cut) -> str:
        return text("trial.cut_label", self.lang, created=f"{shown.created_at:%Y-%m-%d %H:%M:%S}")

    def take_cut(self) -> Cut:
        """A new cut of the database, shown at once."""
        made = cut(self.db, settings=self.settings, progress=False)
        self.refresh(select=made.id)
        return made

    def trial(self, cut_id: str) -> tr.Trial:
        """The trial as derived from cut ``cut_id``, derived once and kept."""
        if cut_id not in self._trials:
            match = next(c for c in self.cuts if c.id == cut_id)
            self._trials[cut_id] = match.kept("trial", lambda: tr.trial(match))
        return self._trials[cut_id]

    def derived(self, cut_id: str) -> Derived:
        """The tables and curves of cut ``cut_id``, computed once and kept."""
        if cut_id not in self._derived:
            match = next(c for c in self.cuts if c.id == cut_id)
            self._derived[cut_id] = match.kept(
                "trial-monitor", lambda: self._derive(match, self.trial(cut_id))
            )
            self._trials[cut_id] = self._derived[cut_id].trial  # one trial object per cut
        return self._derived[cut_id]

    @staticmethod
    def _derive(match: Cut, now: tr.Trial) -> Derived:
        """The tables and curves of ``now``, the trial of cut ``match``."""
        names = match.sql(
            "SELECT t.code AS site, h.name_en FROM site t "
            "JOIN hospital h ON h.hospital_id = t.hospital_id"
        )
        return Derived(
            trial=now,
            names_en={
                str(k): str(v)
                for k, v in zip(names["site"], names["name_en"], strict=True)
                if v is not None and v == v
            },
            enrolment=tr.enrolment(now),
            response=tr.response_table(now),
            survival=tr.survival_table(now, "PFS"),
            adverse=tr.ae_table(now),
            timeliness=tr.timeliness(now),
        )

    def _timely(self, t: tr.Trial) -> Table:
        """The timeliness of a trial this monitor keeps, computed once."""
        if id(t) not in self._timeliness:
            kept = next((d.timeliness for d in self._derived.values() if d.trial is t), None)
            self._timeliness[id(t)] = kept if kept is not None else tr.timeliness(t)
        return self._timeliness[id(t)]

    def previous(self, cut_id: str) -> tr.Trial | None:
        """The trial at the cut before ``cut_id``, or ``None`` for the first cut."""
        ids = [c.id for c in self.cuts]
        at = ids.index(cut_id)
        return self.trial(ids[at - 1]) if at > 0 else None

    def show(self) -> None:
        """Draw the selected cut: header, changes, PFS curves and the tables."""
        if self._quiet:
            return
        lang = self.lang
        self.new_cut.description = text("trial.new_cut", lang)
        self.picker.description = text("trial.cut", lang)
        if self.picker.value is None:
            self.header.value = f"<p>{text('trial.no_cut', lang)}</p>"
            return
        try:
            d = self.derived(self.picker.value)
        except AnalysisError as exc:
            self.header.value = f"<p>{html.escape(exc.message(lang))}</p>"
            return
        now = d.trial
        shown = next((c for c in self.cuts if c.id == self.picker.value), None)
        where = text("trial.from", lang, database=shown.source) if shown is not None else ""
        label = self._label(shown) if shown is not None else now.source
        self.header.value = (
            f"<h2>{text('trial.title', lang)}: {html.escape(now.code)}</h2>"
            f"<p>{html.escape(now.title)}<br>{text('trial.cutoff', lang, cutoff=now.cutoff)}"
            f" · {html.escape(label)} · {html.escape(where)}</p>"
        )
        delta = changes(self.previous(self.picker.value), now, timely=self._timely)
        items = "".join(
            f"<li>{text('trial.delta.' + k, lang)}: <b>{v:+d}</b></li>" for k, v in delta.items()
        )
        self.summary.value = f"<h3>{text('trial.changed', lang)}</h3><ul>{items}</ul>"
        self.chart = self._chart(d, label)
        self.chart_box.children = [charts.widget(self.chart)]
        self.tables.value = self._tables(d)

    def _chart(self, d: Derived, label: str) -> alt.TopLevelMixin:
        lang, pfs = self.lang, d.survival
        medians = [
            text("trial.km.median", lang, arm=r.arm, median=f"{r.median:g}")
            if pd.notna(r.median)
            else text("trial.km.not_reached", lang, arm=r.arm)
            for r in pfs.table.itertuples()
        ]
        comma, semicolon = ("，", "；") if lang == "zh" else (", ", "; ")
        summary = comma.join(medians)
        if pfs.hr is not None:
            hr = text(
                "trial.km.hr", lang, hr=f"{pfs.hr.hr:.2f}", lower=f"{pfs.hr.lower:.2f}",
                upper=f"{pfs.hr.upper:.2f}",
            )  # fmt: skip
            summary = f"{summary}{semicolon}{hr}"
        return charts.km_chart(
            pfs.curves,
            param=pfs.param,
            source=label,
            period=text("trial.cutoff", lang, cutoff=d.trial.cutoff),
            summary=summary,
            heading=text("trial.chart.title", lang, param=pfs.param),
            x_title=text("trial.chart.x", lang),
            y_title=text("trial.chart.y", lang, param=pfs.param),
            legend_title=text("trial.chart.legend", lang),
            at_risk_title=text("trial.chart.at_risk", lang),
            lang=lang,
        )

    def _hospital(self, d: Derived, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` (indexed by site) with ``site`` and the hospital as the language names it."""
        shown = frame.reset_index()
        if self.lang == "en":
            shown["hospital"] = [
                d.names_en.get(str(site), name)
                for site, name in zip(shown["site"], shown["hospital"], strict=True)
            ]
        return shown

    def _tables(self, d: Derived) -> str:
        lang, now = self.lang, d.trial
        en = lang == "en"

        def col(key: str, **values: object) -> str:
            return text(f"trial.col.{key}", lang, **values)

        arms = [str(code) for code in now.arms["code"]]
        site = [("site", col("site"), None), ("hospital", col("hospital"), None)]
        enrolment = html_table(
            self._hospital(d, d.enrolment.table),
            [*site, ("subjects", col("subjects"), _count),
             *((arm, col("by_arm", arm=arm), _count) for arm in arms)],
        )  # fmt: skip
        response = html_table(
            d.response.table.reset_index(),
            [("arm", col("arm"), None), ("n", col("n"), _count),
             *((r, r, _count) for r in ("CR", "PR", "SD", "PD", "NE")),
             ("pending", col("pending"), _count), ("orr", col("orr"), _pct),
             ("orr_lower", col("orr_lower"), _pct), ("orr_upper", col("orr_upper"), _pct)],
        )  # fmt: skip
        events = d.adverse.table
        events = events[events["preferred_term"] != ""].head(12).copy()
        if not en:  # the organ classes and terms as Chinese MedDRA names them
            terms = {t.preferred_term: t.verbatim for t in ADVERSE_TERMS}
            events["soc"] = [
                text(f"trial.soc.{c}", lang) if f"trial.soc.{c}" in MESSAGES else c
                for c in events["soc"]
            ]
            events["preferred_term"] = events["preferred_term"].map(lambda t: terms.get(t, t))
        adverse = html_table(
            events,
            [("soc", col("soc"), None), ("preferred_term", col("term"), None),
             *(c for arm in arms for c in ((f"{arm} n", col("arm_n", arm=arm), _count),
                                           (f"{arm} %", col("arm_pct", arm=arm), _share)))],
        )  # fmt: skip
        timely = self._hospital(d, d.timeliness.table)
        timeliness = html_table(
            timely,
            [*site, ("reports", col("reports"), _count),
             ("median_days", col("median_days"), _days), ("p90_days", col("p90_days"), _days),
             ("within_target", col("within_target"), _pct0),
             ("overdue", col("overdue"), _count)],
            flagged=timely["overdue"] > 0,
        ) + f"<p><small>{html.escape(text('trial.overdue_rows', lang))}</small></p>"  # fmt: skip
        notes = (
            (d.enrolment.note, d.response.note, d.adverse.note, d.timeliness.note)
            if en
            else self._notes_zh(d)
        )
        sections = zip(
            ("trial.enrolment", "trial.response", "trial.adverse", "trial.timeliness"),
            (enrolment, response, adverse, timeliness),
            notes,
            strict=True,
        )
        return "".join(
            f"<h3>{text(key, lang)}</h3>{body}<p><small>{html.escape(note)}</small></p>"
            for key, body, note in sections
        )

    def _notes_zh(self, d: Derived) -> tuple[str, str, str, str]:
        """The analysis's notes, said again in Chinese from the trial and its results."""
        now, lang, params = d.trial, "zh", d.trial.params
        ref = now.reference
        diffs = "".join(
            text("trial.note.response.diff", lang, arm=arm, ref=ref,
                 value=f"{row['orr_diff']:+.1%}", lower=f"{row['orr_diff_lower']:+.1%}",
                 upper=f"{row['orr_diff_upper']:+.1%}")
            for arm, row in d.response.table.iterrows()
            if "orr_diff" in row and pd.notna(row["orr_diff"])
        )  # fmt: skip
        confirm = (
            text("trial.note.response.confirm", lang, days=int(params["confirm_min_days"]))
            if bool(params["confirmation_required"])
            else ""
        )
        safety = now.subjects[now.subjects["safety"]].groupby("arm").size()
        head = "，".join(
            text("trial.note.adverse.arm", lang, arm=arm, n=int(safety.get(arm, 0)))
            for arm in now.arms["code"]
        )
        return (
            text("trial.note.enrolment", lang, cutoff=now.cutoff),
            text("trial.note.response", lang, cutoff=now.cutoff, diff=diffs, confirm=confirm,
                 sd_days=int(params["sd_min_days"])),
            text("trial.note.adverse", lang, head=head, window=int(params["teae_window_days"])),
            text("trial.note.timeliness", lang, target=int(params["report_target_days"]),
                 cutoff=now.cutoff),
        )  # fmt: skip


def build(settings: Settings, *, db: Database | None = None) -> widgets.VBox:
    """The trial monitor widget over the configured database and its cuts."""
    charts_from_server()  # in the apps' server: the Vega bundle comes from it
    monitor = Monitor(settings, db if db is not None else connect(settings=settings))
    monitor.widget.monitor = monitor
    return monitor.widget
