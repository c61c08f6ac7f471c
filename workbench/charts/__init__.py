"""Charts for the analyses, drawn with Altair and working with no network.

A chart is a function ``<noun>_chart(frame, *, …) -> alt.Chart`` of the frame an analysis
returned and what to print about it (its source, period, thresholds): it draws what it is
given and computes no statistic. Data is aggregated before it gets here (never more than
:data:`MAX_ROWS` rows). Importing this package changes nothing in Altair: the apps show charts
through :func:`widget`, which carries the Vega bundle inline, and a notebook that wants every
chart offline calls :func:`enable_offline` in its first cell.

>>> import workbench
>>> from workbench import analysis as wa, charts
>>> top = wa.concentration(cut, value="amount", by="hospital", period=2025)  # doctest: +SKIP
>>> charts.pareto_chart(top.table, value="amount", by="hospital", source=top.source,
...                     period=top.period, lang="zh")  # doctest: +SKIP
"""

from workbench.charts._base import MAX_ROWS, period_label
from workbench.charts.calls import calls_chart, reach_frequency_chart
from workbench.charts.concentration import LORENZ_POINTS, deciles_chart, lorenz_chart
from workbench.charts.pareto import PARETO_PARTS, pareto_chart, pareto_curve_chart
from workbench.charts.quality import activity_chart
from workbench.charts.render import (
    OfflineChart,
    bundle,
    enable_offline,
    load_bundle_from,
    save,
    widget,
)
from workbench.charts.segments import segments_chart
from workbench.charts.trials import forest_chart, km_chart

__all__ = [
    "LORENZ_POINTS",
    "MAX_ROWS",
    "PARETO_PARTS",
    "OfflineChart",
    "activity_chart",
    "bundle",
    "calls_chart",
    "deciles_chart",
    "enable_offline",
    "forest_chart",
    "km_chart",
    "load_bundle_from",
    "lorenz_chart",
    "pareto_chart",
    "pareto_curve_chart",
    "period_label",
    "reach_frequency_chart",
    "save",
    "segments_chart",
    "widget",
]
