"""The home app, the server's front page.

What this workbench holds, where each kind of user starts, and a link to every other app with
what it is for.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from workbench.config import Settings
from workbench.db.engine import Database, connect
from workbench.db.summary import Summary, summarise
from workbench.i18n import text
from workbench.resources import APPS
from workbench.widgets import language_switch

__all__ = ["build", "render"]

SHOWN_TABLES = (
    "region",
    "city",
    "hospital",
    "department",
    "doctor",
    "rep",
    "call",
    "plan",
    "event",
    "sale",
)
ROLES = ("trainer", "rep", "analyst", "manager")


def build(settings: Settings, *, db: Database | None = None) -> widgets.VBox:
    """The home page widget, in ``settings.lang``, with a 中文 / English switch."""
    db = db if db is not None else connect(settings=settings)
    summary = summarise(db, SHOWN_TABLES)  # only what the page shows
    lang = language_switch(settings.lang)
    body = widgets.HTML(render(summary, settings.lang))
    lang.observe(lambda change: setattr(body, "value", render(summary, change["new"])), "value")
    return widgets.VBox([lang, body], layout=widgets.Layout(max_width="960px"))


def render(summary: Summary, lang: str) -> str:
    """The page's HTML for ``summary`` in ``lang``."""
    rows = "".join(
        f"<tr><td>{text('table.' + t, lang)}</td>"
        f"<td style='text-align:right'>{summary.counts.get(t, 0):,}</td></tr>"
        for t in SHOWN_TABLES
    )
    if summary.first_call is None:
        period = text("home.no_calls", lang)
    else:
        period = f"{summary.first_call.isoformat()} – {summary.last_call}"
    roles = "".join(
        f"<li><b>{text('role.' + r, lang)}</b>: {text('role.' + r + '.text', lang)}</li>"
        for r in ROLES
    )
    apps = "".join(
        f"<li><a href='{APPS[name]}' target='_self'><b>{text(f'app.{name}.title', lang)}</b>"
        f"</a>: {text(f'app.{name}.text', lang)}</li>"
        for name in APPS
        if name != "home"
    )
    return (
        f"<h1 class='wb-title'>{text('app.title', lang)}</h1>"
        f"<p>{text('app.subtitle', lang)}</p>"
        f"<p><b>{text('home.database', lang)}</b>: <code>{html.escape(summary.where)}</code><br>"
        f"<b>{text('home.period', lang)}</b>: {period}</p>"
        f"<h3>{text('home.apps', lang)}</h3><ul class='wb-apps'>{apps}</ul>"
        f"<h3>{text('home.world', lang)}</h3>"
        f"<table class='wb-counts'>{rows}</table>"
        f"<h3>{text('home.start_here', lang)}</h3><ul>{roles}</ul>"
    )
