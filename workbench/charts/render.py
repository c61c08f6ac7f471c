"""Showing and saving charts with no network.

Altair's default renderer loads Vega from a CDN, which a training camp without internet does
not reach: the chart area shows "Error loading script". Nothing here changes Altair when it is
imported. :func:`widget` wraps one chart in a widget that carries the Vega bundle inline
(``anywidget`` serves it from the kernel): the apps show charts this way, and only these
widgets carry the bundle. A notebook that wants every chart it displays drawn offline calls
:func:`enable_offline` once, in its first cell. :func:`save` writes PNG, SVG or
self-contained HTML through ``vl-convert``, also offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt

from workbench.errors import AnalysisError

__all__ = ["OfflineChart", "enable_offline", "save", "widget"]


class OfflineChart(alt.JupyterChart):
    """Altair's chart widget with the Vega bundle inline.

    Draws in JupyterLab and Voila with no network. The bundle is this class's own;
    ``alt.JupyterChart`` is left as it is.
    """


def widget(chart: Any) -> OfflineChart:
    """``chart`` as a widget that draws offline (what the apps put on screen)."""
    OfflineChart.enable_offline()  # sets the bundle on this subclass only, once
    return OfflineChart(chart)


def enable_offline() -> None:
    """Draw every Altair chart this kernel displays with the Vega bundle inline.

    For a notebook's first cell: it switches Altair's renderer for the whole kernel, which
    is the notebook's own choice to make; the library never does it on its own.
    """
    alt.JupyterChart.enable_offline()
    alt.renderers.enable("jupyter", offline=True)


def save(chart: Any, path: Path | str, *, scale: float = 2.0) -> Path:
    """Write ``chart`` as PNG, SVG or self-contained HTML (by the file's suffix), offline.

    Parameters
    ----------
    chart
        An Altair chart.
    path
        The file to write; its folder is made if missing.
    scale
        The PNG's scale factor.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    AnalysisError
        The suffix is not ``.png``, ``.svg`` or ``.html``.
    """
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("png", "svg", "html"):
        raise AnalysisError(f"cannot save a chart as {path.suffix!r}; use .png, .svg or .html")
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "html":
        chart.save(str(path), format="html", inline=True)
    elif kind == "png":
        chart.save(str(path), format="png", scale_factor=scale)
    else:
        chart.save(str(path), format="svg")
    return path
