"""A camp laptop with no network: `dev.py bundle DIR` on a connected machine, then the
bundle's own `dev.py start` installs from it, with every package index unreachable, and serves.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: the interpreter a fresh laptop has: the one this project's virtualenv was made from
PYTHON3 = getattr(sys, "_base_executable", sys.executable)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bundle")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _no_network(home: Path) -> dict[str, str]:
    """An environment in which every package index and proxy is unreachable."""
    nowhere = "http://127.0.0.1:9"
    # nor anything pointing at this checkout: the laptop has the bundle only
    dropped = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in dropped and not k.startswith(("PIP_", "UV_", "WORKBENCH_"))
    }
    return {
        **env,
        "HOME": str(home),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_INDEX_URL": f"{nowhere}/simple",
        "UV_INDEX_URL": f"{nowhere}/simple",
        "UV_OFFLINE": "1",
        "http_proxy": nowhere,
        "https_proxy": nowhere,
        "HTTP_PROXY": nowhere,
        "HTTPS_PROXY": nowhere,
        "no_proxy": "127.0.0.1,localhost",
        "WORKBENCH_DATA_DIR": str(home / "data"),
    }


def test_a_laptop_with_no_network_installs_from_the_bundle_and_serves(tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    made = subprocess.run(
        [PYTHON3, ROOT / "dev.py", "bundle", stick], capture_output=True, text=True, check=False
    )
    assert made.returncode == 0, made.stdout + made.stderr
    wheels = sorted((stick / "wheels").glob("*.whl"))
    assert any(w.name.startswith("workbench-") for w in wheels)
    sums = (stick / "SHA256SUMS").read_text().splitlines()
    assert sums == [
        f"{hashlib.sha256(w.read_bytes()).hexdigest()}  wheels/{w.name}" for w in wheels
    ]
    assert not (stick / "pyproject.toml").exists()  # the laptop gets no sources

    port = _free_port()
    log = tmp_path / "laptop.log"
    with log.open("wb") as out:
        laptop = subprocess.Popen(
            [PYTHON3, stick / "dev.py", "start", "--port", str(port)],
            env=_no_network(tmp_path / "home"),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 900
        while f"workbench: http://127.0.0.1:{port}/" not in log.read_text(errors="replace"):
            assert laptop.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            time.sleep(1)
        page = f"http://127.0.0.1:{port}/voila/render/home.ipynb"
        with urllib.request.urlopen(page, timeout=180) as response:
            assert response.status == 200
            assert "application/vnd.jupyter.widget-view+json" in response.read().decode()
    finally:
        os.killpg(laptop.pid, signal.SIGTERM)
        try:
            laptop.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(laptop.pid, signal.SIGKILL)
            laptop.wait()
    printed = log.read_text(errors="replace")
    assert "from the bundle" in printed and "with no network" in printed
    assert (stick / ".venv" / "bin" / "workbench").exists()
