"""Showing and saving charts with no network.

Altair's default renderer loads Vega from a CDN, which a training camp without internet does
not reach: the chart area shows "Error loading script". Nothing here changes Altair when it is
imported. :func:`widget` wraps one chart in a widget that carries the Vega bundle inline
(``anywidget`` serves it from the kernel): the apps show charts this way, and only these
widgets carry the bundle. Served by the apps' own server, they need not carry it: after
:func:`load_bundle_from` the widgets load it from that server, once per browser. A notebook
that wants every chart it displays drawn offline calls :func:`enable_offline` once, in its
first cell. :func:`save` writes PNG, SVG or
self-contained HTML through ``vl-convert``, also offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt

from workbench.errors import AnalysisError

__all__ = ["OfflineChart", "bundle", "enable_offline", "load_bundle_from", "save", "widget"]


class OfflineChart(alt.JupyterChart):
    """Altair's chart widget with the Vega bundle inline.

    Draws in JupyterLab and Voila with no network. The bundle is this class's own;
    ``alt.JupyterChart`` is left as it is.
    """


_INLINE = OfflineChart._esm  # Altair's online module, until a chart is first made


#: the module a chart widget loads when the bundle is served (see :func:`load_bundle_from`)
_LOADER = """const served = await import(new URL({path!r}, window.location.origin).href);
export default served.default;
"""


def bundle() -> str:
    """The Vega bundle an offline chart widget carries: Vega, Vega-Lite and Altair's view."""

    class _Bundled(alt.JupyterChart):
        pass

    _Bundled.enable_offline()
    return str(_Bundled._esm)


def load_bundle_from(path: str | None) -> None:
    """Chart widgets made from now on load the Vega bundle from ``path`` on their server.

    ``path`` is absolute on the server that shows the widgets (``/voila/static/...``), which
    serves the file :func:`bundle` returns: each widget then carries a two-line loader
    instead of the bundle, and the browser fetches the bundle once. ``None`` goes back to
    carrying it.
    """
    if path is None:
        OfflineChart._esm = _INLINE
        OfflineChart._is_offline = False
        return
    OfflineChart._esm = _LOADER.format(path=path)
    OfflineChart._is_offline = True  # a served bundle is offline too: nothing from outside


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
        raise AnalysisError(key="error.chart.file_type", suffix=path.suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "html":
        chart.save(str(path), format="html", inline=True)
    elif kind == "png":
        chart.save(str(path), format="png", scale_factor=scale)
    else:
        chart.save(str(path), format="svg")
    return path
