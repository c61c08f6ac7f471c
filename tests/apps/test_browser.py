"""The main job in a real headless browser: `workbench start` serves the home app offline.

Every request the page makes to anything but this machine is blocked and recorded; the test
fails if there is any. Uses Debian's chromium (installed by `python3 dev.py test`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

from workbench import Database, Settings
from workbench.apps.serve import serve_command

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_serving(url: str, server: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"`workbench start` exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"nothing served at {url} after {seconds} s")


def _code_cells(notebook: Path) -> list[str]:
    return [c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]


def _only_this_machine(outside: list[str]):  # type: ignore[no-untyped-def]
    """A Playwright route handler: local requests pass, others are recorded and blocked."""

    def route_(route, request) -> None:  # type: ignore[no-untyped-def]
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    return route_


@pytest.fixture(autouse=True)
def _chromium() -> None:
    if not Path(CHROMIUM).exists():
        message = f"no chromium at {CHROMIUM}; `python3 dev.py test` installs Debian's package"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def _running(command: list[str], env: dict[str, str], log: Path, ready: str) -> Iterator[None]:
    """Run a server in its own process group until the block ends; ``ready`` must answer."""
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait_until_serving(ready, server, 90)
            yield
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)
                    server.wait()


@dataclass(frozen=True)
class Served:
    url: str
    log: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`workbench start` on a free port with a fresh data folder (the Quick start's first job)."""
    port = _free_port()
    data = tmp_path_factory.mktemp("served")
    env = {**os.environ, "WORKBENCH_DATA_DIR": str(data)}
    env.pop("WORKBENCH_DATABASE_URL", None)
    log = data / "server.log"
    url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "workbench", "start", "--port", str(port)]
    with _running(command, env, log, url):
        yield Served(url, log)


def test_start_prints_the_url_and_loads_the_camp_world(served: Served) -> None:
    log = served.log.read_text(errors="replace")
    assert served.url in log
    assert "loading the camp sample world" in log


def test_home_app_draws_with_no_network_and_switches_language(
    served: Served, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.route("**/*", _only_this_machine(outside))
            page.goto(served.url, wait_until="domcontentloaded")
            page.get_by_text("医药代表 CRM 工作台").wait_for(timeout=90_000)
            page.get_by_text("医生", exact=True).wait_for()
            page.get_by_role("button", name="English").click()
            page.get_by_text("Pharma CRM Workbench").wait_for(timeout=30_000)
            page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
        finally:
            browser.close()
    assert outside == [], f"the page reached outside this machine: {outside}"


def test_analysis_notebook_charts_draw_in_voila_with_no_network(
    camp_db: Database, tmp_path: Path
) -> None:
    """An analyst notebook served by Voila: every chart draws, nothing leaves the machine."""
    from playwright.sync_api import sync_playwright

    notebook = ROOT / "notebooks" / "analysis" / "call_activity.ipynb"
    charts = sum("charts." in c for c in _code_cells(notebook))
    settings = Settings(database_url=camp_db.url, data_dir=tmp_path, port=_free_port())
    command, env = serve_command(settings, notebook)
    url = f"http://127.0.0.1:{settings.port}/"
    outside: list[str] = []
    with _running(command, env, tmp_path / "voila.log", url), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.route("**/*", _only_this_machine(outside))
            page.goto(url, wait_until="domcontentloaded")
            drawn = page.locator(".vega-embed canvas, .vega-embed svg.marks")
            page.wait_for_function(
                f"document.querySelectorAll('.vega-embed canvas, "
                f".vega-embed svg.marks').length >= {charts}",
                timeout=120_000,
            )
            assert drawn.count() == charts
            assert page.get_by_text("Error loading script").count() == 0
            page.screenshot(path=str(tmp_path / "call_activity.png"), full_page=True)
        finally:
            browser.close()
    assert charts == 3
    assert outside == [], f"the page reached outside this machine: {outside}"


def test_analysis_notebook_runs_in_jupyterlab_with_no_network(
    camp_db: Database, tmp_path: Path
) -> None:
    """The analyst's path: open a notebook in JupyterLab, run all cells, every chart draws,
    and nothing is requested from outside this machine."""
    from playwright.sync_api import sync_playwright

    source = ROOT / "notebooks" / "analysis" / "call_activity.ipynb"
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(source, work / source.name)  # JupyterLab may save outputs: not into the repo
    charts = sum("charts." in c for c in _code_cells(source))
    port = _free_port()
    env = {
        **os.environ,
        "WORKBENCH_DATABASE_URL": camp_db.url,
        "WORKBENCH_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        "--ServerApp.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={work}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--allow-root",
    ]
    url = f"http://127.0.0.1:{port}/"
    outside: list[str] = []
    with _running(command, env, tmp_path / "lab.log", f"{url}api"), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.route("**/*", _only_this_machine(outside))
            page.goto(f"{url}lab/tree/{source.name}", wait_until="domcontentloaded")
            kernel = "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
            page.wait_for_function(
                f"(() => {{ try {{ return {kernel}.status === 'idle'; }}"
                " catch (e) { return false; } })()",
                timeout=120_000,
            )
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function(
                "document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks')"
                f".length >= {charts}",
                timeout=180_000,
            )
            assert page.get_by_text("Error loading script").count() == 0
            page.screenshot(path=str(tmp_path / "lab.png"))
        finally:
            browser.close()
    assert outside == [], f"the page reached outside this machine: {outside}"
