"""The apps' server: the Vega bundle is a static file it serves, and its kernels' charts load
it from there instead of each carrying it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from workbench import Settings, charts
from workbench.apps.serve import BUNDLE_FILE, charts_from_server, serve_command


@pytest.fixture
def inline_again() -> Iterator[None]:
    yield
    charts.load_bundle_from(None)


def _chart() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"a": [1]})).mark_bar().encode(x="a")


def test_the_server_serves_the_bundle_of_the_altair_installed(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    _command, env = serve_command(settings)
    served = tmp_path / "jupyter" / "voila" / "templates" / "workbench" / "static" / BUNDLE_FILE
    assert served.read_text(encoding="utf-8") == charts.bundle()
    assert str(tmp_path / "jupyter") in env["JUPYTER_PATH"].split(":")
    assert env["WORKBENCH_VEGA_BUNDLE"] == f"/voila/static/{BUNDLE_FILE}"
    served.write_text("stale", encoding="utf-8")  # a new Altair: written again on start
    serve_command(settings)
    assert served.read_text(encoding="utf-8") == charts.bundle()


def test_a_kernel_of_the_server_loads_the_bundle_from_it(inline_again: None) -> None:
    assert not charts_from_server({})
    carried = charts.widget(_chart())
    assert len(carried._esm) > 100_000  # elsewhere each chart carries the bundle
    assert charts_from_server({"WORKBENCH_VEGA_BUNDLE": "/voila/static/workbench-vega.js"})
    loaded = charts.widget(_chart())
    assert len(loaded._esm) < 500 and "/voila/static/workbench-vega.js" in loaded._esm
    assert "http" not in loaded._esm  # the page's own server, never a CDN
    charts.load_bundle_from(None)
    assert charts.widget(_chart())._esm == carried._esm
