"""The key accounts app: where the business is, where it grows, and one account in detail.

For managers. On the latest data cut of its database (taking one if there is none): how
concentrated sales are over hospitals (the whole Pareto curve through 80%, and the Gini),
growth by region, city or hospital between the latest full year and the one before, the top
customers with the key hospitals whose sales fell marked, and one hospital's departments,
doctors, recent calls and sales by product. Everything is derived once per cut; the
language switch only redraws it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
import pandas as pd

from workbench import charts
from workbench.analysis import Period, accounts
from workbench.analysis.concentration import Concentration, concentration
from workbench.analysis.growth import Growth, growth
from workbench.analysis.results import Table
from workbench.apps.serve import charts_from_server
from workbench.config import Settings
from workbench.cuts import Cut, cut, latest_cut
from workbench.db.engine import Database, connect
from workbench.errors import AnalysisError
from workbench.i18n import coded, text
from workbench.widgets import language_switch

__all__ = ["LEVELS", "TOP", "Derived", "KeyAccounts", "build", "html_table"]

#: the levels growth is shown by, as the level dropdown lists them
LEVELS = ("region", "city", "hospital")
#: how many hospitals the top customers table (and the hospital dropdown) holds
TOP = 20
#: how many rows a growth table or a doctors table shows at most
SHOWN = 50
#: the style of a row that needs action
FELL_STYLE = "background-color:#fde2e1"

Column = tuple[str, str, Callable[[Any], str] | None]


def _money(v: Any) -> str:
    return f"{v:,.0f}"


def _pct(v: Any) -> str:
    return f"{v:.1%}"


def _signed(v: Any) -> str:
    return f"{v:+.1%}"


def html_table(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    *,
    flagged: pd.Series | None = None,
    empty: str = "",
) -> str:
    """``frame`` as an HTML table of class ``workbench-table``; ``flagged`` rows in pale red.

    Parameters
    ----------
    frame
        The rows.
    columns
        ``(column, header, format)`` per column shown; a format turns a value into text,
        ``None`` shows it as it is. Missing values show as empty cells.
    flagged
        ``True`` for the rows that need action: class ``wb-fell`` and a pale red background.
    empty
        What to show instead of a table without rows.

    Returns
    -------
    str
        The table, every value escaped.
    """
    if frame.empty:
        return f"<p><i>{html.escape(empty)}</i></p>"
    head = "".join(f"<th>{html.escape(header)}</th>" for _c, header, _f in columns)
    marks = flagged.to_numpy() if flagged is not None else [False] * len(frame)
    body = []
    for mark, (_i, row) in zip(marks, frame.iterrows(), strict=True):
        cells = []
        for column, _h, fmt in columns:
            value = row[column]
            shown = "" if pd.isna(value) else (fmt(value) if fmt else str(value))
            align = " style='text-align:right'" if fmt else ""
            cells.append(f"<td{align}>{html.escape(shown)}</td>")
        attrs = f" class='wb-fell' style='{FELL_STYLE}'" if mark else ""
        body.append(f"<tr{attrs}>{''.join(cells)}</tr>")
    return (
        f"<table class='workbench-table' border='0'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _span(period: Period) -> str:
    """A period as short as it reads: ``2025``, ``2026-09 – 2026-10``."""
    start, end = period.start, period.end
    if start is None or end is None:
        return str(period)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if start.strftime("%Y-%m") == end.strftime("%Y-%m"):
        return start.strftime("%Y-%m")
    return f"{start:%Y-%m} – {end:%Y-%m}"


@dataclass
class Derived:
    """What the app shows of one cut, derived once (the drill-downs and levels when asked).

    ``top`` has the top hospitals (largest sales in the later period first) with their
    place, the later and earlier sales, growth, share, cumulative share and ABC class.
    """

    cut: Cut
    comparison: accounts.Comparison
    places: pd.DataFrame
    hospitals: Concentration
    pareto: accounts.Pareto
    top: pd.DataFrame
    growth: dict[str, Growth] = field(default_factory=dict)
    drill: dict[int, dict[str, Table]] = field(default_factory=dict)

    @classmethod
    def of(cls, source: Cut) -> Derived:
        """Derive the concentration, the Pareto curve and the top customers of ``source``."""
        comparison = accounts.compared_periods(source)
        places = accounts.places(source).table
        hospitals = concentration(source, value="amount", by="hospital", period=comparison.after)
        derived = cls(
            cut=source,
            comparison=comparison,
            places=places,
            hospitals=hospitals,
            pareto=accounts.pareto(hospitals),
            top=pd.DataFrame(),
        )
        by_hospital = derived.growth_by("hospital").table[["hospital_id", "before", "growth"]]
        top = hospitals.table.head(TOP).drop(columns="name")
        top = top.merge(by_hospital, on="hospital_id", how="left")
        derived.top = top.merge(places, on="hospital_id", how="left")
        return derived

    def growth_by(self, level: str) -> Growth:
        """Growth by ``level`` (one of :data:`LEVELS`), computed once."""
        if level not in self.growth:
            c = self.comparison
            self.growth[level] = growth(self.cut, by=level, before=c.before, after=c.after)
        return self.growth[level]

    def account(self, hospital_id: int) -> dict[str, Table]:
        """One hospital's departments, doctors, recent calls and product sales, found once."""
        if hospital_id not in self.drill:
            c, after = self.comparison, self.comparison.after
            self.drill[hospital_id] = {
                "departments": accounts.departments(self.cut, hospital_id, period=after),
                "doctors": accounts.doctors(self.cut, hospital_id, period=after),
                "calls": accounts.recent_calls(self.cut, hospital_id),
                "products": accounts.product_sales(
                    self.cut, hospital_id, before=c.before, after=c.after
                ),
            }
        return self.drill[hospital_id]


class KeyAccounts:
    """The app's state: the database, the cut shown, what is derived of it, the widgets."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings, self.db = settings, db
        self.language = language_switch(settings.lang)
        self.header = widgets.HTML()
        self.summary = widgets.HTML()
        self.chart_box = widgets.Box()
        self.growth_title = widgets.HTML()
        self.level = widgets.Dropdown(options=[(k, k) for k in LEVELS], value=LEVELS[0])
        self.growth = widgets.HTML()
        self.top = widgets.HTML()
        self.drill_title = widgets.HTML()
        self.hospital = widgets.Dropdown(options=[], layout=widgets.Layout(width="420px"))
        self.drill = widgets.HTML()
        self._quiet = False
        self.chart: Any = None
        self.level.observe(lambda _c: self._on_pick(self.show_growth), "value")
        self.hospital.observe(lambda _c: self._on_pick(self.show_drill), "value")
        self.language.observe(lambda _c: self.show(), "value")
        self.widget = widgets.VBox(
            [
                self.language,
                self.header,
                self.summary,
                self.chart_box,
                self.growth_title,
                self.level,
                self.growth,
                self.top,
                self.drill_title,
                self.hospital,
                self.drill,
            ],
            layout=widgets.Layout(max_width="1000px"),
        )
        try:
            self.cut = latest_cut(of=db, settings=settings)
        except AnalysisError:  # none yet: take one
            self.cut = cut(db, settings=settings, progress=False)
        self._derived: dict[str, Derived] = {}
        self.error = ""
        try:
            shown = self.cut
            self._derived[shown.id] = shown.kept("key-accounts", lambda: Derived.of(shown))
        except AnalysisError as exc:
            self.error = str(exc)
        self.show()

    @property
    def lang(self) -> str:
        """The language shown, from the language switch."""
        return str(self.language.value)

    @property
    def derived(self) -> Derived:
        """What is derived of the cut shown, derived on first use and kept."""
        if self.cut.id not in self._derived:
            shown = self.cut
            self._derived[shown.id] = shown.kept("key-accounts", lambda: Derived.of(shown))
        return self._derived[self.cut.id]

    def _on_pick(self, redraw: Callable[[], None]) -> None:
        if not self._quiet and not self.error:
            redraw()

    def _options(self, dropdown: widgets.Dropdown, options: list[tuple[str, Any]]) -> None:
        """Relabel a dropdown's options, keeping its value and telling no observer."""
        value = dropdown.value
        self._quiet = True
        try:
            dropdown.options = options
            values = [v for _l, v in options]
            if options:
                dropdown.value = value if value in values else values[0]
        finally:
            self._quiet = False

    def _name(self, row: Any, column: str = "name") -> str:
        """A place's name in the language shown (the English name where there is one)."""
        english = row.get(f"{column}_en")
        return str(english) if self.lang == "en" and pd.notna(english) else str(row[column])

    def show(self) -> None:
        """Draw everything in the language shown, from what is derived of the cut."""
        lang = self.lang
        created = f"{self.cut.created_at:%Y-%m-%d %H:%M:%S}"
        cut_line = text("accounts.cut", lang, cut=self.cut.id, created=created)
        title = f"<h2>{text('accounts.title', lang)}</h2>"
        self.level.description = text("accounts.level", lang)
        self.hospital.description = text("accounts.hospital", lang)
        self._options(self.level, [(text(f"accounts.level.{k}", lang), k) for k in LEVELS])
        if self.error:
            self.header.value = f"{title}<p>{html.escape(cut_line)}</p>"
            self.summary.value = f"<p>{html.escape(text('accounts.no_sales', lang))}</p>"
            return
        d = self.derived
        c = d.comparison
        compare = text(
            f"accounts.compare.{c.unit}", lang,
            before=_span(c.before), after=_span(c.after), months=c.months,
        )  # fmt: skip
        self.header.value = f"{title}<p>{html.escape(cut_line)}<br>{html.escape(compare)}</p>"
        self.show_concentration()
        self.show_growth()
        self.show_top()
        hospitals = [(self._name(row), int(row["hospital_id"])) for _i, row in d.top.iterrows()]
        self._options(self.hospital, hospitals)
        self.show_drill()

    def show_concentration(self) -> None:
        """The Pareto curve through 80%, how many hospitals carry it, and the Gini."""
        lang, p = self.lang, self.derived.pareto
        rule = f"{p.rule:.0%}"
        values = {"n": f"{p.n:,}", "m": f"{p.entities:,}", "rule": rule}
        carry = text(
            "accounts.carry", lang, period=_span(self.derived.comparison.after),
            gini=f"{p.gini:.3f}", **values,
        )  # fmt: skip
        self.summary.value = (
            f"<h3>{text('accounts.concentration', lang)}</h3><p>{html.escape(carry)}</p>"
        )
        frame = p.table.copy()
        names = self.derived.places.set_index("hospital_id")
        column = "name_en" if lang == "en" else "name"
        frame["label"] = frame["hospital_id"].map(
            lambda h: names.at[int(h), column] if pd.notna(h) else None
        )
        chart = charts.pareto_curve_chart(
            frame,
            n=p.n,
            entities=p.entities,
            rule=p.rule,
            source=text("accounts.cut", lang, cut=self.cut.id,
                        created=f"{self.cut.created_at:%Y-%m-%d %H:%M:%S}"),
            period=_span(self.derived.comparison.after),
            heading=text("accounts.chart.title", lang),
            detail=carry,
            mark=text("accounts.chart.mark", lang, n=f"{p.n:,}", rule=rule),
            x_title=text("accounts.chart.x", lang),
            value_title=text("accounts.chart.value", lang),
            cum_title=text("accounts.chart.cum", lang),
            legend_title=text("accounts.chart.legend", lang),
            entity_title=text("accounts.chart.entity", lang),
            entities_title=text("accounts.chart.entities", lang),
            total_title=text("accounts.chart.total", lang),
            parts={k: text(f"accounts.part.{k}", lang) for k in ("entity", "group", "tail")},
            lang=lang,
        )  # fmt: skip
        self.chart = chart
        self.chart_box.children = [charts.widget(chart)]

    def _sales(self, which: str) -> str:
        c = self.derived.comparison
        period = c.before if which == "before" else c.after
        return text("accounts.col.sales", self.lang, period=_span(period))

    def show_growth(self) -> None:
        """Growth by the level picked: its table, largest first, the falls in pale red."""
        lang, level = self.lang, str(self.level.value)
        result = self.derived.growth_by(level)
        key = result.table.columns[0]
        places = self.derived.places
        context = {"region": [], "city": ["region"], "hospital": ["city", "region"]}[level]
        lookup = places.drop_duplicates(key)[[key, *context, *(f"{c}_en" for c in context)]]
        frame = result.table.merge(lookup, on=key, how="left")
        en = places.drop_duplicates(key).set_index(key)[
            "name_en" if level == "hospital" else f"{level}_en"
        ]
        frame["name_en"] = frame[key].map(en)
        frame["shown_name"] = [self._name(row) for _i, row in frame.iterrows()]
        for c in context:
            frame[f"shown_{c}"] = [self._name(row, c) for _i, row in frame.iterrows()]
        shown = frame.head(SHOWN)
        columns: list[Column] = [
            ("shown_name", text(f"accounts.col.{level}", lang), None),
            *((f"shown_{c}", text(f"accounts.col.{c}", lang), None) for c in context),
            ("before", self._sales("before"), _money),
            ("after", self._sales("after"), _money),
            ("growth", text("accounts.col.growth", lang), _signed),
            ("share", text("accounts.col.share", lang), _pct),
        ]
        total = text(
            "accounts.growth.total", lang, before=_money(result.table["before"].sum()),
            after=_money(result.table["after"].sum()), growth=_signed(result.total_growth),
        )  # fmt: skip
        more = ""
        if len(frame) > len(shown):
            more = text("accounts.growth.shown", lang, n=f"{len(frame):,}", shown=len(shown))
        self.growth_title.value = f"<h3>{text('accounts.growth', lang)}</h3>"
        self.growth.value = (
            f"<p>{html.escape(total)} {html.escape(more)}</p>"
            + html_table(shown, columns, flagged=shown["growth"] < 0)
            + f"<p><small>{html.escape(text('accounts.growth.note', lang))}</small></p>"
        )

    def show_top(self) -> None:
        """The top customers: the largest hospitals; key ones whose sales fell in pale red."""
        lang = self.lang
        top = self.derived.top.copy()
        top["shown_name"] = [self._name(row) for _i, row in top.iterrows()]
        top["shown_city"] = [self._name(row, "city") for _i, row in top.iterrows()]
        top["shown_abc"] = [coded("abc", v, lang) for v in top["abc"]]
        columns: list[Column] = [
            ("rank", text("accounts.col.rank", lang), None),
            ("shown_name", text("accounts.col.hospital", lang), None),
            ("shown_city", text("accounts.col.city", lang), None),
            ("grade", text("accounts.col.grade", lang), None),
            ("before", self._sales("before"), _money),
            ("value", self._sales("after"), _money),
            ("growth", text("accounts.col.growth", lang), _signed),
            ("share", text("accounts.col.share", lang), _pct),
            ("cum_share", text("accounts.col.cum_share", lang), _pct),
            ("shown_abc", text("accounts.col.abc", lang), None),
        ]
        flagged = (top["abc"] == "A") & (top["growth"] < 0)
        heading = text("accounts.top", lang, n=len(top))
        self.top.value = (
            f"<h3>{html.escape(heading)}</h3>"
            + html_table(top, columns, flagged=flagged)
            + f"<p><small>{html.escape(text('accounts.top.note', lang))}</small></p>"
        )

    def show_drill(self) -> None:
        """The hospital picked: its departments, doctors, recent calls and product sales."""
        lang = self.lang
        self.drill_title.value = f"<h3>{text('accounts.drill', lang)}</h3>"
        if self.hospital.value is None:
            self.drill.value = f"<p><i>{html.escape(text('accounts.empty', lang))}</i></p>"
            return
        hospital_id = int(self.hospital.value)
        found = self.derived.account(hospital_id)
        row = self.derived.top.set_index("hospital_id").loc[hospital_id]
        where = text(
            "accounts.drill.where", lang, city=self._name(row, "city"),
            region=self._name(row, "region"), grade=row["grade"], sales=_money(row["value"]),
            rank=int(row["rank"]),
        )  # fmt: skip
        en = lang == "en"
        empty = text("accounts.empty", lang)
        calls_now = text("accounts.col.calls", lang, period=_span(self.derived.comparison.after))
        departments = found["departments"].table.assign(
            shown=lambda f: f["name_en" if en else "name"],
            shown_specialty=lambda f: [coded("specialty", v, lang) for v in f["specialty"]],
        )
        doctors = found["doctors"].table
        shown_doctors = doctors.head(SHOWN).assign(
            shown=lambda f: f["name_pinyin" if en else "name"],
            shown_title=lambda f: [coded("title", v, lang) for v in f["title"]],
            shown_specialty=lambda f: [coded("specialty", v, lang) for v in f["specialty"]],
            shown_department=lambda f: f["department_en" if en else "department"],
            shown_last=lambda f: f["last_call"].map(
                lambda d: "" if pd.isna(d) else f"{pd.Timestamp(d):%Y-%m-%d}"
            ),
        )
        calls = found["calls"].table.assign(
            shown_date=lambda f: f["call_date"].map(lambda d: f"{pd.Timestamp(d):%Y-%m-%d}"),
            shown_doctor=lambda f: f["doctor_pinyin" if en else "doctor"],
            shown_rep=lambda f: f["rep_pinyin" if en else "rep"],
            shown_joint=lambda f: [
                text("accounts.yes" if v else "accounts.no", lang) for v in f["joint_visit"]
            ],
            shown_products=lambda f: f["products_en" if en else "products"],
        )
        products = found["products"].table.assign(shown=lambda f: f["name_en" if en else "name"])
        more = ""
        if len(doctors) > len(shown_doctors):
            more = text("accounts.doctors.shown", lang, n=len(doctors), shown=len(shown_doctors))
        sections = [
            ("accounts.departments", html_table(departments, [
                ("shown", text("accounts.col.department", lang), None),
                ("shown_specialty", text("accounts.col.specialty", lang), None),
                ("doctors", text("accounts.col.doctors", lang), _money),
                ("calls", calls_now, _money),
            ], empty=empty)),
            ("accounts.doctors", (f"<p>{html.escape(more)}</p>" if more else "") + html_table(
                shown_doctors, [
                ("shown", text("accounts.col.doctor", lang), None),
                ("shown_title", text("accounts.col.title", lang), None),
                ("shown_specialty", text("accounts.col.specialty", lang), None),
                ("shown_department", text("accounts.col.department", lang), None),
                ("calls", calls_now, _money),
                ("shown_last", text("accounts.col.last_call", lang), None),
            ], empty=empty)),
            ("accounts.calls", html_table(calls, [
                ("shown_date", text("accounts.col.date", lang), None),
                ("shown_doctor", text("accounts.col.doctor", lang), None),
                ("shown_rep", text("accounts.col.rep", lang), None),
                ("shown_joint", text("accounts.col.joint", lang), None),
                ("shown_products", text("accounts.col.products", lang), None),
            ], empty=empty)),
            ("accounts.products", html_table(products, [
                ("shown", text("accounts.col.product", lang), None),
                ("before", self._sales("before"), _money),
                ("after", self._sales("after"), _money),
                ("growth", text("accounts.col.growth", lang), _signed),
                ("share", text("accounts.col.share", lang), _pct),
            ], flagged=products["growth"] < 0, empty=empty)),
        ]  # fmt: skip
        self.drill.value = (
            f"<h4>{html.escape(self._name(row))}</h4><p>{html.escape(where)}</p>"
            + "".join(f"<h4>{text(key, lang)}</h4>{body}" for key, body in sections)
        )


def build(settings: Settings, *, db: Database | None = None) -> widgets.VBox:
    """The key accounts widget over the latest cut of the configured database.

    Parameters
    ----------
    settings
        The data folder (where cuts are kept) and the language shown first.
    db
        The database; by default the one the settings name.

    Returns
    -------
    ipywidgets.VBox
        The app; its state is ``widget.app`` (a :class:`KeyAccounts`).
    """
    charts_from_server()  # in the apps' server: the Vega bundle comes from it
    app = KeyAccounts(settings, db if db is not None else connect(settings=settings))
    app.widget.app = app
    return app.widget
