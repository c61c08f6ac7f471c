"""Time to first paint of each Voila app, and to the whole app, cold and warm, against a bare page.

Every app notebook and a bare page (one HTML widget, nothing imported but ipywidgets) are
served from one folder by one Voila server started exactly as `workbench start` starts it
(the same command line, the offline template, one preheated kernel per notebook). Headless
Chromium navigates to a page and two clocks run from the request:

- ``paint``: the page's first meaningful widget shows: the app's title in its frame
  (:mod:`workbench.apps.opening`), or the bare page's heading;
- ``ready``: the whole app is built and shows its controls (its language switch), the bare
  page's heading for the bare page.

Each is taken

- ``cold``: on the first request after the server starts (its kernels are still being
  preheated; a new server for each page, so every page meets the same start; median of
  ``--cold-rounds`` starts). The cut's derivations are kept already, as after the cut's
  first page (``Cut.kept``);
- ``warm``: once every notebook's preheated kernel is ready (median of ``--rounds`` visits;
  after each visit the server refills that page's kernel before the next one).

Target: every app's first paint ≤ 1.2× the bare page's, cold and warm, on the camp world.

    python benchmarks/bench_apps.py --out benchmarks/results/apps.json
    python benchmarks/bench_apps.py --scale national   # a national world (takes minutes)
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat

import workbench
from workbench import Settings
from workbench.apps.opening import title_key
from workbench.apps.serve import serve_command
from workbench.i18n import text
from workbench.resources import APPS, apps_dir
from workbench.sample import load_sample

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

#: what shows once a page has painted its first meaningful widget: the app's title, as its
#: frame shows it before the app is built
PAINTED = {"bare": "bare page ready"} | {name: text(title_key(name), "zh") for name in APPS}
#: what shows once the whole app is built: the language switch every app has
READY = {"bare": PAINTED["bare"]} | dict.fromkeys(APPS, "English")


def _bare(folder: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("import ipywidgets as widgets"),
        nbformat.v4.new_code_cell(f"widgets.HTML('<h1>{PAINTED['bare']}</h1>')"),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, folder / "bare.ipynb")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server(settings: Settings, folder: Path, log: Path) -> Iterator[str]:
    # the kernel pools' progress is read from the log
    command, env = serve_command(settings, folder, log_level="INFO")
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", settings.port)) == 0:
                        break
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"the server did not start: {log.read_text()[-2000:]}")
                time.sleep(0.05)
            yield f"http://127.0.0.1:{settings.port}/voila/render/"
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


def _filled(log: Path, notebook: str) -> int:
    return len(re.findall(f"Kernel pool of {re.escape(notebook)} is filled", log.read_text()))


def _wait_filled(log: Path, notebook: str, times: int, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while _filled(log, notebook) < times:
        if time.monotonic() > deadline:
            raise SystemExit(f"{notebook}'s kernel was not preheated in {seconds} s")
        time.sleep(0.1)


def _paint(browser, url: str, name: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Milliseconds from the request to the page's first paint, and to the whole app."""
    page = browser.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=300_000)
        page.get_by_text(PAINTED[name]).first.wait_for(timeout=300_000)
        painted = (time.perf_counter() - start) * 1000
        page.get_by_text(READY[name], exact=True).first.wait_for(timeout=300_000)
        return painted, (time.perf_counter() - start) * 1000
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="camp", choices=["camp", "national"])
    parser.add_argument("--apps", nargs="*", default=[a for a in APPS if a != "board"])
    parser.add_argument(
        "--rounds", type=int, default=7, help="warm visits of each page (the median is kept)"
    )
    parser.add_argument(
        "--cold-rounds", type=int, default=3, help="cold starts for each page (a server each)"
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = Settings(data_dir=root / "data", port=_free_port())
        db = workbench.connect(settings=settings)
        load_sample(db, args.scale, seed=0)
        workbench.cut(db, settings=settings)  # the apps open on the latest cut
        for name in args.apps:  # what they derive of it is kept, as after its first page
            module = importlib.import_module(f"workbench.apps.{APPS[name].removesuffix('.ipynb')}")
            module.build(settings, db=db)
        db.close()
        folder = root / "apps"
        folder.mkdir()
        for name in APPS:
            shutil.copy(apps_dir() / APPS[name], folder / APPS[name])
        _bare(folder)
        pages = {"bare": "bare.ipynb", **{a: APPS[a] for a in args.apps}}
        cold: dict[str, list[tuple[float, float]]] = {name: [] for name in pages}
        warm: dict[str, list[tuple[float, float]]] = {name: [] for name in pages}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for _round in range(args.cold_rounds):
                for name, notebook in pages.items():
                    with _server(settings, folder, root / f"cold-{name}.log") as base:
                        cold[name].append(_paint(browser, base + notebook, name))
            log = root / "warm.log"
            with _server(settings, folder, log) as base:
                for notebook in {n.name for n in folder.glob("*.ipynb")}:
                    _wait_filled(log, notebook, 1)
                for _round in range(args.rounds):
                    for name, notebook in pages.items():
                        before = _filled(log, notebook)
                        warm[name].append(_paint(browser, base + notebook, name))
                        _wait_filled(log, notebook, before + 1)  # refilled for the next visit
            browser.close()

    def median(visits: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(v[0] for v in visits), statistics.median(v[1] for v in visits)

    bare_cold, bare_warm = median(cold["bare"])[0], median(warm["bare"])[0]
    rows = []
    print(f"| page | cold paint ms | ratio | cold ready ms | warm paint ms | ratio | "
          f"warm ready ms |  ({args.scale} world)")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in pages:
        c, w = median(cold[name]), median(warm[name])
        row = {
            "page": name,
            "scale": args.scale,
            "cold_ms": round(c[0]),
            "cold_ratio": round(c[0] / bare_cold, 2),
            "cold_ready_ms": round(c[1]),
            "warm_ms": round(w[0]),
            "warm_ratio": round(w[0] / bare_warm, 2),
            "warm_ready_ms": round(w[1]),
        }
        rows.append(row)
        print(f"| {name} | {row['cold_ms']:,} | {row['cold_ratio']:.2f}× | "
              f"{row['cold_ready_ms']:,} | {row['warm_ms']:,} | {row['warm_ratio']:.2f}× | "
              f"{row['warm_ready_ms']:,} |")  # fmt: skip
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
