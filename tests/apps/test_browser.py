"""The main job in a real headless browser: `workbench start` serves the home app offline.

Every request the page makes to anything but this machine is blocked and recorded; the test
fails if there is any. Uses Debian's chromium (installed by `python3 dev.py test`).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import nbformat
import pytest

from workbench import Database, Settings
from workbench.apps.serve import lab_command, lab_settings, serve_command
from workbench.i18n import MESSAGES, coded

from .language import assert_text_in_one_language

if TYPE_CHECKING:
    from .conftest import Served

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


def _wait_until_serving(
    url: str, server: subprocess.Popen[bytes], seconds: float, *, fetch: bool
) -> None:
    """Wait for the port; with ``fetch``, ask for ``url`` once too.

    A Voila page runs its app in a kernel of its own for every request, so a Voila server is
    only waited for: the browser's request is the page's one run.
    """
    deadline = time.monotonic() + seconds
    parts = urlparse(url)
    while True:
        if server.poll() is not None:
            raise AssertionError(f"`workbench start` exited with {server.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError(f"nothing listens at {url} after {seconds} s")
        with socket.socket() as probe:
            if probe.connect_ex((parts.hostname or "127.0.0.1", parts.port or 80)) == 0:
                break
        time.sleep(0.3)
    if fetch:
        with urllib.request.urlopen(url, timeout=seconds) as response:
            assert response.status == 200, f"{url} answered {response.status}"


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
def _running(
    command: list[str], env: dict[str, str], log: Path, ready: str, *, fetch: bool = False
) -> Iterator[None]:
    """Run a server in its own process group until the block ends.

    Its port must listen; with ``fetch``, ``ready`` must answer too (JupyterLab's API).
    """
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait_until_serving(ready, server, 90, fetch=fetch)
            yield
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)
                    server.wait()


def _lab(port: int, folder: Path, lang: str = "zh") -> list[str]:
    """JupyterLab as the product starts it, open to the test's browser without a token."""
    return lab_command(
        folder,
        port,
        "--ServerApp.token=",
        "--ServerApp.password=",
        "--LabApp.expose_app_in_browser=True",
        "--allow-root",
        settings_dir=lab_settings(folder.parent / "lab-settings", lang),
    )


def _run_all_cells(page, notebook_url: str) -> None:  # type: ignore[no-untyped-def]
    """Open a notebook in JupyterLab, wait for its kernel, and run all its cells."""
    page.goto(notebook_url, wait_until="domcontentloaded")
    kernel = "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
    page.wait_for_function(
        f"(() => {{ try {{ return {kernel}.status === 'idle'; }}"
        " catch (e) { return false; } })()",
        timeout=120_000,
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")


@pytest.mark.xdist_group("apps-browser")  # the server `served` is one worker's
def test_start_prints_the_url_and_loads_the_camp_world(served: Served) -> None:
    # the server answers a moment before `start` has printed the address it found answering
    deadline = time.monotonic() + 30
    while served.url not in (log := served.log.read_text(errors="replace")):
        assert time.monotonic() < deadline, log
        time.sleep(0.2)
    assert "loading the camp sample world" in log
    assert "taking the first data cut" in log


@pytest.mark.xdist_group("apps-browser")
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
            page.goto(served.url, wait_until="domcontentloaded", timeout=120_000)
            page.get_by_text("医药代表 CRM 工作台").wait_for(timeout=90_000)
            page.get_by_text("医生", exact=True).wait_for()
            page.get_by_role("button", name="English").click()
            page.get_by_text("Pharma CRM Workbench").wait_for(timeout=30_000)
            page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
        finally:
            browser.close()
    assert outside == [], f"the page reached outside this machine: {outside}"


@pytest.mark.slow
def test_analysis_notebook_charts_draw_in_voila_with_no_network(
    camp_db: Database, tmp_path: Path
) -> None:
    """An analyst notebook served by Voila: every chart draws, nothing leaves the machine."""
    from playwright.sync_api import sync_playwright

    notebook = ROOT / "notebooks" / "analysis" / "call_activity.ipynb"
    charts = sum("_chart(" in c for c in _code_cells(notebook))
    settings = Settings(database_url=camp_db.url, data_dir=tmp_path, port=_free_port())
    command, env = serve_command(settings, notebook)
    url = f"http://127.0.0.1:{settings.port}/"
    outside: list[str] = []
    with _running(command, env, tmp_path / "voila.log", url), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.route("**/*", _only_this_machine(outside))
            page.goto(url, wait_until="domcontentloaded", timeout=180_000)  # Voila runs it first
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


#: words of the analyses' tables, notes and charts, in both languages
ANALYSIS_WORDS = {
    k: v
    for k, v in MESSAGES.items()
    if k.startswith(("column.", "note.", "chart.", "code.", "shown.", "period.", "source."))
}


def _stored_names(db: Database) -> list[str]:
    """Every name the camp world stores in Chinese: hospitals, doctors, reps, places, products."""
    tables = ("region", "city", "hospital", "department", "doctor", "rep", "product", "event")
    with db.begin() as conn:
        return [
            str(name)
            for table in tables
            for (name,) in conn.exec_driver_sql(f"SELECT name FROM {table}")
        ]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_analysis_notebook_runs_in_jupyterlab_with_no_network(
    camp_db: Database, tmp_path: Path, lang: str
) -> None:
    """The analyst's path, in each language: the notebook as `workbench lab` copies it opens
    in JupyterLab, every cell runs, every chart draws; its prose, tables, notes and charts
    are in that language; nothing is requested from outside this machine."""
    from playwright.sync_api import sync_playwright

    from workbench.lab import copy_analysis

    source = ROOT / "notebooks" / "analysis" / "call_activity.ipynb"
    work = tmp_path / "work"  # JupyterLab may save outputs: not into the repo
    (copied,) = copy_analysis([source], work, lang)
    charts = sum("_chart(" in c for c in _code_cells(copied))
    port = _free_port()
    env = {
        **os.environ,
        "WORKBENCH_DATABASE_URL": camp_db.url,
        "WORKBENCH_DATA_DIR": str(tmp_path / "data"),
        "WORKBENCH_LANG": lang,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    command = _lab(port, work, lang)
    url = f"http://127.0.0.1:{port}/"
    outside: list[str] = []
    lab_log = tmp_path / "lab.log"
    with _running(command, env, lab_log, f"{url}api", fetch=True), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.route("**/*", _only_this_machine(outside))
            _run_all_cells(page, f"{url}lab/tree/{copied.name}")
            # JupyterLab itself speaks the language too, and asks nothing about news
            menu = "文件" if lang == "zh" else "File"
            page.get_by_role("menuitem", name=menu, exact=True).wait_for(timeout=60_000)
            page.wait_for_function(
                "document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks')"
                f".length >= {charts}",
                timeout=180_000,
            )
            last = len(_code_cells(copied))  # the last cell has run: every output is there
            page.wait_for_function(
                f"document.querySelectorAll('.jp-InputArea-prompt').length >= {last} && "
                "![...document.querySelectorAll('.jp-InputArea-prompt')]"
                ".some(e => e.textContent.includes('*'))",
                timeout=180_000,
            )
            assert page.get_by_text("Error loading script").count() == 0
            said = page.locator(".jp-MarkdownOutput, .jp-OutputArea-output").all_inner_texts()
            headers = page.locator(".jp-OutputArea-output th").all_inner_texts()
            news = page.get_by_text(re.compile("Jupyter (news|新闻)")).count()
            page.screenshot(path=str(tmp_path / f"lab-{lang}.png"), full_page=True)
        finally:
            browser.close()
    assert outside == [], f"the page reached outside this machine: {outside}"
    assert not news, "JupyterLab asked about its news"
    text = "\n".join(said)
    assert "Traceback" not in text and "Error" not in text
    assert headers, "the notebook shows its tables"
    assert_text_in_one_language(text, lang, ANALYSIS_WORDS, allowed=_stored_names(camp_db))
    if lang == "zh":
        english = [h for h in headers if re.fullmatch(r"[a-z_ ]{3,}", h.strip())]
        assert not english, f"table headers left in English: {english}"


@pytest.mark.slow
def test_a_new_rep_works_through_module_02_in_jupyterlab(tmp_path: Path) -> None:
    """Done-when of the training modules: on a fresh install a new rep opens module 02 in
    JupyterLab, enters a doctor through the form, gets a duplicate warning with its reason,
    fixes a wrong department, sees the score change, in Chinese and then in English; and
    nothing is requested from outside this machine."""
    from playwright.sync_api import Locator, expect, sync_playwright

    from workbench.training import open_trainee, prepare_workspace

    settings = Settings(data_dir=tmp_path / "data")
    trainee = open_trainee("新代表", settings=settings)
    folder = prepare_workspace(settings, trainee.sandbox)
    facts = trainee.exercise("02.1").facts
    with trainee.db.session() as session:
        from workbench.db.models import City, Department, Hospital, Region

        hospital = session.get(Hospital, facts["hospital_id"])
        assert hospital is not None
        city = session.get(City, hospital.city_id)
        assert city is not None
        region = session.get(Region, city.region_id)
        assert region is not None
        labels = {
            "大区": f"{region.name}（{region.region_id}）",
            "城市": f"{city.name}（{city.city_id}）",
            "医院": f"{hospital.name}（{hospital.hospital_id}）",
        }
        wards = {
            d.name: f"{d.name}（{d.department_id}）"
            for d in session.query(Department).filter_by(hospital_id=hospital.hospital_id)
        }
    trainee.close()

    port = _free_port()
    env = {
        **os.environ,
        "WORKBENCH_DATA_DIR": str(settings.data_dir),
        "WORKBENCH_TRAINEE": "新代表",
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    env.pop("WORKBENCH_DATABASE_URL", None)
    command = _lab(port, folder)
    url = f"http://127.0.0.1:{port}/"
    outside: list[str] = []

    def pick(box: Locator, label: str, option: str) -> None:
        select = box.locator(f".widget-dropdown:has(label:text-is('{label}')) select").first
        # ipywidgets shows spaces in option labels as no-break spaces
        shown = option.replace(" ", "\u00a0")
        exact = re.compile(f"^{re.escape(shown)}$")
        expect(select.locator("option", has_text=exact)).to_have_count(1, timeout=30_000)
        select.select_option(label=shown)
        expect(select.locator("option:checked")).to_have_text(exact)

    def type_in(box: Locator, label: str, value: str) -> None:
        box.locator(f".widget-text:has(label:text-is('{label}')) input").first.fill(value)
        box.locator(f".widget-text:has(label:text-is('{label}')) input").first.press("Tab")

    lab_log = tmp_path / "lab.log"
    with _running(command, env, lab_log, f"{url}api", fetch=True), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1200})
            page.route("**/*", _only_this_machine(outside))
            _run_all_cells(page, f"{url}lab/tree/02_customer_master_data.ipynb")
            outputs = page.locator(".jp-OutputArea-output")
            outputs.filter(has_text="02.1 新增医生").first.wait_for(timeout=120_000)
            texts = outputs.all_inner_texts()
            # by position: the card's text changes with its language
            card = outputs.nth(next(i for i, t in enumerate(texts) if "02.1 新增医生" in t))
            card.scroll_into_view_if_needed()
            for label, option in labels.items():
                pick(card, label, option)
            pick(card, "科室", wards["神经内科"])  # the wrong department, at first
            type_in(card, "名称", facts["name"])
            type_in(card, "拼音", facts["name_pinyin"])
            pick(card, "性别", coded("gender", "F", "zh"))  # a code reads as its label
            pick(card, "职称", coded("title", facts["title"], "zh"))
            pick(card, "专业", coded("specialty", facts["specialty"], "zh"))
            type_in(card, "手机", facts["mobile"])
            card.get_by_role("button", name="保存", exact=True).click()
            expect(card.locator(".workbench-problems")).to_contain_text("拼音相近", timeout=30_000)
            expect(card.locator(".workbench-problems")).to_contain_text(facts["lookalike"])
            card.get_by_role("button", name="确认无误，仍然保存").click()
            feedback = card.locator(".workbench-feedback")
            expect(feedback).to_contain_text("目前得分 8/20", timeout=30_000)
            expect(feedback).to_contain_text("录在了「神经内科」")

            card.get_by_role("button", name="更正刚保存的记录").click()
            # the kernel fills the form with the saved record: pick only after it has
            expect(card).to_contain_text("更正已有医生的记录", timeout=30_000)
            pick(card, "科室", wards["心内科"])
            card.get_by_role("button", name="保存", exact=True).click()
            expect(card.locator(".workbench-problems")).to_contain_text(
                "同一医院同一科室", timeout=30_000
            )
            card.get_by_role("button", name="确认无误，仍然保存").click()
            expect(feedback).to_contain_text("可见的 3 项检查都通过了", timeout=30_000)
            page.screenshot(path=str(tmp_path / "module02-zh.png"))

            card.get_by_role("button", name="English").first.click()
            expect(feedback).to_contain_text("The 3 visible checks pass", timeout=30_000)
            expect(card).to_contain_text("Correcting an existing doctor")
            page.screenshot(path=str(tmp_path / "module02-en.png"))
        finally:
            browser.close()
    assert outside == [], f"the page reached outside this machine: {outside}"

    trainee = open_trainee("新代表", settings=settings)
    history = trainee.gradebook.history(trainee.id)
    mine = history[history["exercise_id"] == "02.1"]
    assert list(mine["score"]) == [8.0, 12.0]  # one attempt per save: the score changed
    trainee.close()


@pytest.mark.slow
def test_trial_monitor_draws_in_voila_with_no_network(camp_db: Database, tmp_path: Path) -> None:
    """The manager's trial monitor served by Voila: its tables and the Kaplan–Meier chart
    draw, the language switches, nothing leaves the machine."""
    from playwright.sync_api import expect, sync_playwright

    notebook = ROOT / "notebooks" / "apps" / "trial_monitor.ipynb"
    settings = Settings(database_url=camp_db.url, data_dir=tmp_path, port=_free_port())
    command, env = serve_command(settings, notebook)
    url = f"http://127.0.0.1:{settings.port}/"
    outside: list[str] = []
    with _running(command, env, tmp_path / "voila.log", url), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1200})
            page.route("**/*", _only_this_machine(outside))
            page.goto(url, wait_until="domcontentloaded", timeout=180_000)  # Voila runs it first
            page.get_by_text("临床试验监测: RDT-301").wait_for(timeout=120_000)
            page.wait_for_function(
                "document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks')"
                ".length >= 1",
                timeout=120_000,
            )
            expect(page.get_by_text("各中心上报及时性")).to_be_visible()
            page.get_by_role("button", name="English").click()
            page.get_by_text("Trial monitor: RDT-301").wait_for(timeout=30_000)
            expect(page.get_by_text("Site reporting timeliness")).to_be_visible()
            assert page.get_by_text("Error loading script").count() == 0
            page.screenshot(path=str(tmp_path / "trial_monitor.png"), full_page=True)
        finally:
            browser.close()
    assert outside == [], f"the page reached outside this machine: {outside}"
