"""The data quality and adoption app: who enters good data on time, who earned the refund.

For managers, on the latest data cut of the app's own database: per rep in the field, the
completeness of key fields, the days from visit to entry, the weekly call trend, suspected
duplicate doctors and the laptop refund rule of the settings; rows that need action are set
apart. A region filter, a new cut on demand, Chinese or English, offline.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from workbench import charts
from workbench.analysis import quality
from workbench.analysis.results import Table
from workbench.apps.serve import charts_from_server
from workbench.config import Settings
from workbench.cuts import Cut, cut, latest_cut
from workbench.db.engine import Database, connect
from workbench.errors import AnalysisError
from workbench.i18n import coded, text
from workbench.widgets import language_switch

__all__ = ["LISTED", "WEEKS", "Quality", "build", "sparkline"]

#: The weeks of the activity trend.
WEEKS = 12

#: at most this many reps in the table (those needing action first); a region shows the rest
MAX_REPS = 60
#: The most suspected duplicates listed (the rest are counted).
LISTED = 40

_ACTION_ROW = "background:#fdecea"
_FLAG = "color:#c0392b;font-weight:bold"
_BARS = "▁▂▃▄▅▆▇█"
_ALL = 0  # the region filter's value for every region (region ids start at 1)


def sparkline(values: list[int] | pd.Series) -> str:
    """A row of bars (▁ to █) for a few numbers, the largest full height.

    >>> sparkline([0, 2, 4, 8])
    '▁▃▅█'
    """
    numbers = [int(v) for v in values]
    top = max(numbers, default=0)
    if top <= 0:
        return _BARS[0] * len(numbers)
    return "".join(_BARS[round(v / top * (len(_BARS) - 1))] for v in numbers)


def _percent(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.0%}"


def _cell(value: object, style: str = "") -> str:
    shown = html.escape(str(value))
    return f"<td style='text-align:right;{style}'>{shown}</td>"


class Quality:
    """The app's state: the database, the cut shown, its measures and the region chosen."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings, self.db = settings, db
        self.language = language_switch(settings.lang)
        self.region = widgets.Dropdown(options=[], layout=widgets.Layout(width="260px"))
        self.new_cut = widgets.Button(button_style="primary", icon="camera")
        self.header = widgets.HTML()
        self.summary = widgets.HTML()
        self.chart_box = widgets.Box()
        self.table = widgets.HTML()
        self.duplicates = widgets.HTML()
        self.cut: Cut | None = None
        self.eligibility: pd.DataFrame = pd.DataFrame()
        self.weekly: pd.DataFrame = pd.DataFrame()
        self.dups: pd.DataFrame = pd.DataFrame()
        self.period, self.as_of, self.problem = "", "", ""
        self.new_cut.on_click(lambda _b: self.take_cut())
        self._quiet = False
        self.region.observe(self._region_changed, "value")
        self.language.observe(lambda _c: self.relabel(), "value")
        self.widget = widgets.VBox(
            [
                self.language,
                widgets.HBox([self.region, self.new_cut]),
                self.header,
                self.summary,
                self.chart_box,
                self.table,
                self.duplicates,
            ],
            layout=widgets.Layout(max_width="1100px"),
        )
        try:
            first = latest_cut(settings=settings, of=db)
        except AnalysisError:  # no cut of this database yet
            first = cut(db, settings=settings, progress=False)
        self.load(first)

    def _region_changed(self, _change: object) -> None:
        if not self._quiet:
            self.show()

    @property
    def lang(self) -> str:
        """The language shown, from the language switch."""
        return str(self.language.value)

    def take_cut(self) -> Cut:
        """A new cut of the database, measured and shown at once."""
        made = cut(self.db, settings=self.settings, progress=False)
        self.load(made)
        return made

    def load(self, shown: Cut) -> None:
        """Measure ``shown`` (every rep, every region) and draw it."""
        self.cut, self.problem = shown, ""
        try:
            result, self.weekly, self.dups = shown.kept(
                self._kept_name, lambda: self._measure(shown)
            )
        except AnalysisError as exc:
            self.problem = str(exc)
            self.eligibility = pd.DataFrame()
            self.relabel()
            return
        self.eligibility = result.table
        self.period = result.period
        self.as_of = result.period.split(" – ")[-1]
        self.relabel()

    @property
    def _kept_name(self) -> str:
        """What the measures of a cut are kept as: they depend on the refund rule's settings."""
        s = self.settings
        rule = f"{s.refund_months}-{s.refund_completeness}-{s.refund_entry_days}-{s.refund_on_time}"
        return f"data-quality-{rule}"

    def _measure(self, shown: Cut) -> tuple[Table, pd.DataFrame, pd.DataFrame]:
        """Eligibility, weekly calls and suspected duplicates of ``shown``: every rep."""
        return (
            quality.refund_eligibility(shown, settings=self.settings, weeks=WEEKS),
            quality.weekly_calls(shown, weeks=WEEKS).table,
            quality.suspected_duplicates(shown).table,
        )

    def relabel(self) -> None:
        """Name the controls in the current language (the region list too) and redraw."""
        lang = self.lang
        self.new_cut.description = text("quality.new_cut", lang)
        self.region.description = text("quality.region", lang)
        regions: list[tuple[str, int]] = [(text("quality.all_regions", lang), _ALL)]
        if not self.eligibility.empty:
            named = self.eligibility.drop_duplicates("region_id").sort_values("region_id")
            column = "region_en" if lang == "en" else "region"
            regions += [(str(r[column]), int(r["region_id"])) for _i, r in named.iterrows()]
        chosen = self.region.value
        self._quiet = True
        try:
            self.region.options = regions
            self.region.value = chosen if chosen in {v for _l, v in regions} else _ALL
        finally:
            self._quiet = False
        self.show()

    def shown_reps(self) -> pd.DataFrame:
        """The reps of the region chosen (all regions: every rep)."""
        if self.eligibility.empty or self.region.value in (None, _ALL):
            return self.eligibility
        return self.eligibility[self.eligibility["region_id"] == self.region.value]

    def show(self) -> None:
        """Draw the header, the summary, the weekly chart and the tables for the region."""
        lang = self.lang
        title = f"<h2>{text('quality.title', lang)}</h2>"
        if self.cut is None or self.problem:
            self.header.value = f"{title}<p>{text('quality.no_calls', lang)}</p>"
            self.summary.value = self.table.value = self.duplicates.value = ""
            self.chart_box.children = []
            return
        s = self.settings
        at = text("quality.cut_at", lang, at=f"{self.cut.created_at:%Y-%m-%d %H:%M:%S} UTC")
        rule = text("quality.rule", lang, months=s.refund_months, days=s.refund_entry_days,
                    completeness=f"{s.refund_completeness:.0%}",
                    on_time=f"{s.refund_on_time:.0%}")  # fmt: skip
        self.header.value = (
            f"{title}<p><b>{html.escape(at)}</b><br>"
            f"{text('quality.header', lang, period=self.period, as_of=self.as_of)}</p>"
            f"<p>{rule}</p>"
        )
        reps = self.shown_reps()
        action = int((~reps["eligible"]).sum()) if not reps.empty else 0
        scope = self.region.label or text("quality.all_regions", lang)  # what the filter shows
        self.summary.value = "<p><b>" + html.escape(text(
            "quality.summary", lang, scope=scope, reps=len(reps), eligible=len(reps) - action,
            action=action)) + "</b></p>"  # fmt: skip
        self.chart_box.children = [charts.widget(self.chart(reps))] if not reps.empty else []
        self.table.value = self.rep_table(reps)
        self.duplicates.value = self.duplicate_table(reps)

    def chart(self, reps: pd.DataFrame) -> object:
        """The weekly calls of the reps shown, the reps needing action set apart."""
        lang = self.lang
        needing = set(reps.loc[~reps["eligible"], "rep_id"])
        weekly = self.weekly[self.weekly["rep_id"].isin(reps["rep_id"])].copy()
        action, others = text("quality.chart.action", lang), text("quality.chart.others", lang)
        weekly["group"] = weekly["rep_id"].map(lambda r: action if r in needing else others)
        frame = weekly.groupby(["week", "group"], as_index=False)["calls"].sum()
        frame["order"] = frame["group"].map({others: 0, action: 1})
        frame = frame.sort_values(["order", "week"]).drop(columns="order")
        assert self.cut is not None
        return charts.activity_chart(
            frame,
            heading=text("quality.chart.title", lang),
            week_title=text("quality.chart.week", lang),
            calls_title=text("quality.chart.calls", lang),
            legend_title=text("quality.chart.legend", lang),
            source=text("quality.cut_at", lang, at=f"{self.cut.created_at:%Y-%m-%d %H:%M} UTC"),
            period=f"{self.weekly['week'].min()} – {self.as_of}",
            lang=lang,
        )

    def rep_table(self, reps: pd.DataFrame) -> str:
        """The per-rep table; the rows of reps who do not qualify set apart."""
        lang, s = self.lang, self.settings
        if reps.empty:
            return f"<p>{text('quality.no_reps', lang)}</p>"
        columns = ["rep", "region", "months", "doctors", "calls", "completeness", "median_days",
                   "on_time", "trend", "duplicates", "status"]  # fmt: skip
        head = "".join(
            f"<th>{text('quality.col.' + c, lang, days=s.refund_entry_days, weeks=WEEKS)}</th>"
            for c in columns
        )
        trend = self.weekly.groupby("rep_id")["calls"].apply(list)
        more = ""
        if len(reps) > MAX_REPS:
            more = text("quality.more_reps", lang, shown=MAX_REPS, total=len(reps))
            reps = reps.sort_values("eligible", kind="stable").head(MAX_REPS)
        rows = []
        for _i, r in reps.iterrows():
            blocked = str(r["blocked_by"]).split()
            joined = "、" if lang == "zh" else ", "
            status = joined.join(text(f"quality.blocked.{b}", lang) for b in blocked)
            status = status or text("quality.eligible", lang)
            name = r["name_pinyin"] if lang == "en" else r["name"]
            region = r["region_en"] if lang == "en" else r["region"]
            median = "" if pd.isna(r["median_days"]) else f"{r['median_days']:g}"
            cells = [
                f"<td>{html.escape(str(name))}</td>",
                f"<td>{html.escape(str(region))}</td>",
                _cell(r["months"], _FLAG if "service" in blocked else ""),
                _cell(r["doctors"]),
                _cell(r["calls"]),
                _cell(_percent(r["completeness"]), _FLAG if "completeness" in blocked else ""),
                _cell(median, _FLAG if "late_entry" in blocked else ""),
                _cell(_percent(r["on_time"]), _FLAG if "late_entry" in blocked else ""),
                _cell(sparkline(trend.get(r["rep_id"], []))),
                _cell(r["duplicates"], _FLAG if r["duplicates"] else ""),
                f"<td>{html.escape(status)}</td>",
            ]
            style = "" if r["eligible"] else f" style='{_ACTION_ROW}'"
            rows.append(f"<tr class='wb-rep' data-rep='{int(r['rep_id'])}'{style}>"
                        f"{''.join(cells)}</tr>")  # fmt: skip
        return (
            f"<h3>{text('quality.reps', lang)}</h3>"
            f"<table class='workbench-table wb-quality'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            + (f"<p class='wb-more'>{html.escape(more)}</p>" if more else "")
            + f"<p><small>{text('quality.definitions', lang)}</small></p>"
        )

    def duplicate_table(self, reps: pd.DataFrame) -> str:
        """The suspected duplicate doctors in the territories of the reps shown."""
        lang = self.lang
        found = self.dups[self.dups["rep_id"].isin(reps["rep_id"])] if not reps.empty else None
        heading = f"<h3>{text('quality.duplicates', lang)}</h3>"
        if found is None or found.empty:
            return f"{heading}<p>{text('quality.no_duplicates', lang)}</p>"
        names = reps.set_index("rep_id")["name_pinyin" if lang == "en" else "name"]
        en = lang == "en"
        columns = ["rep", "doctor", "title", "other", "hospital", "reasons"]
        head = "".join(f"<th>{text('quality.col.' + c, lang)}</th>" for c in columns)
        rows = []
        for _i, d in found.head(LISTED).iterrows():
            why = text("dup.and", lang).join(text(f"dup.{c}", lang) for c in d["reasons"].split())
            values = [
                names.get(d["rep_id"], ""),
                d["name_pinyin"] if en else d["name"],
                coded("title", d["title"], lang),
                f"{d['other_name_pinyin'] if en else d['other_name']} ({d['other_id']})",
                d["hospital_en"] if en else d["hospital"],
                why,
            ]
            rows.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in values)
                        + "</tr>")  # fmt: skip
        more = len(found) - LISTED
        rest = f"<p>{text('quality.more', lang, n=more)}</p>" if more > 0 else ""
        return (
            f"{heading}<table class='workbench-table wb-duplicates'><thead><tr>{head}</tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>{rest}"
        )


def build(settings: Settings, *, db: Database | None = None) -> widgets.VBox:
    """The data quality app's widget, on the latest cut of the database (one is taken if none).

    Parameters
    ----------
    settings
        The database (when ``db`` is not given), the data folder the cuts are in, the
        language and the laptop refund rule.
    db
        The database to measure; by default the one of ``settings``.

    Returns
    -------
    ipywidgets.VBox
        The app; its state is ``widget.app`` (a :class:`Quality`).
    """
    charts_from_server()  # in the apps' server: the Vega bundle comes from it
    app = Quality(settings, db if db is not None else connect(settings=settings))
    app.widget.app = app
    return app.widget
