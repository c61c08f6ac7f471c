"""`workbench lab` and `workbench train`: JupyterLab here, its address printed once it answers."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from workbench.resources import analysis_notebooks

pytestmark = pytest.mark.xdist_group("lab")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _until_address(command: list[str], data: Path, log: Path) -> tuple[str, str]:
    """Run ``command``; the address it prints, fetched at once, and the page it answers."""
    env = {**os.environ, "WORKBENCH_DATA_DIR": str(data)}
    env.pop("WORKBENCH_DATABASE_URL", None)
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=out, start_new_session=True
        )
    assert server.stdout is not None
    printed = ""
    try:
        deadline = time.monotonic() + 180
        while "?token=" not in printed:
            line = server.stdout.readline().decode()
            assert line or server.poll() is None, f"it stopped: {printed}{log.read_text()}"
            printed += line
            assert time.monotonic() < deadline, printed
        url = re.search(r"http://\S+\?token=\S+", printed)
        assert url is not None, printed
        with urllib.request.urlopen(url.group(0), timeout=60) as response:  # at once: it answers
            assert response.status == 200
            return printed, response.read().decode()
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        server.stdout.close()


def test_lab_opens_the_analysis_notebooks_on_the_current_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    port = _free_port()
    command = [sys.executable, "-m", "workbench", "lab", "--port", str(port)]
    printed, page = _until_address(command, data, tmp_path / "lab.log")
    first = analysis_notebooks()[0].name
    assert f"http://127.0.0.1:{port}/lab/tree/{first}?token=" in printed
    assert "loading the camp sample world" in printed  # an empty database gets the camp world
    copied = sorted(p.name for p in (data / "analysis").glob("*.ipynb"))
    assert copied == sorted(p.name for p in analysis_notebooks())
    # in the settings' language, Chinese unless WORKBENCH_LANG says otherwise
    prose = (data / "analysis" / first).read_text(encoding="utf-8")
    assert '"lang-zh"' in prose and '"lang-en"' not in prose
    # offline: no news, no update check, and nothing JupyterLab logs is for the user to act on
    assert '"news": {"disabled": true}' in page.replace('"disabled":true', '"disabled": true')
    logged = (tmp_path / "lab.log").read_text(errors="replace")
    assert "token=" not in logged and "Jupyter Server" not in logged


def test_lab_keeps_the_analysts_edits(tmp_path: Path) -> None:
    data = tmp_path / "data"
    mine = data / "analysis" / analysis_notebooks()[0].name
    mine.parent.mkdir(parents=True)
    mine.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    command = [sys.executable, "-m", "workbench", "lab", "--port", str(_free_port())]
    _until_address(command, data, tmp_path / "lab.log")
    assert '"cells": []' in mine.read_text()


def test_train_prints_the_trainees_first_notebook_once_jupyterlab_answers(tmp_path: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "workbench", "train", "王小明", "--port", str(port)]
    printed, _page = _until_address(command, tmp_path / "data", tmp_path / "train.log")
    assert f"http://127.0.0.1:{port}/lab/tree/00_index.ipynb?token=" in printed
